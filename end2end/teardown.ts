import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";

// The server's temporary database and the mailbox go when the run ends.
export default function teardown() {
  const dir = process.env.E2E_DATA_DIR;
  if (dir && dir.includes("helpdesk-e2e-")) rmSync(dir, { recursive: true, force: true });
  const imap = process.env.E2E_IMAP_DIR;
  if (imap && imap.includes("helpdesk-e2e-imap-")) rmSync(imap, { recursive: true, force: true });
  const name = process.env.E2E_DATABASE;
  if (process.env.E2E_POSTGRES && name?.startsWith("helpdesk_e2e_")) {
    execFileSync("psql", [
      `${process.env.E2E_POSTGRES}/postgres`,
      "-qc",
      `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`,
    ]);
  }
}
