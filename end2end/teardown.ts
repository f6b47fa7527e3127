import { rmSync } from "node:fs";

// The server's temporary database goes when the run ends.
export default function teardown() {
  const dir = process.env.E2E_DATA_DIR;
  if (dir && dir.includes("helpdesk-e2e-")) rmSync(dir, { recursive: true, force: true });
}
