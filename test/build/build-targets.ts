// Child-process entry for the build tests: runs the project's one firmware build for each target, in a fresh Node with no fakes installed.
//
// Why a child process: the tests boot the bundles on faked Espruino globals, and a build made in
// a process where fakes were once installed could see names (such as `require` on the global
// object) that the real build would not; the bundles the tests boot must be the bytes the build,
// the flash and the preview make.
//
// Usage: node --import tsx test/build/build-targets.ts '[["--board","pico","--out","/tmp/x"], ...]'
// Prints one JSON line per target: the build's files, or the error that refused it.

import { execFile } from 'node:child_process';
import { parseBuildCommand } from '../../scripts/build-options';
import { ROOT } from '../../scripts/device-bundles';
import { buildFirmware, writeUploadPreview } from '../../scripts/firmware-build';

/** What the child reports for one target. */
export interface ChildBuild {
  argv: string[];
  error: string | null;
  edition: string;
  firmwarePath: string;
  jobPath: string;
  previewPath: string;
  storedBytes: number;
  capacityBytes: number;
}

/**
 * Build every target (the arguments of `npm run build`) in child processes, two at a time (the
 * bundling is CPU-bound); one report per target, in order.
 */
export async function buildInChildren(targets: string[][]): Promise<ChildBuild[]> {
  const run = (batch: string[][]) =>
    new Promise<ChildBuild[]>((resolve, reject) => {
      execFile(process.execPath, ['--import', 'tsx', __filename, JSON.stringify(batch)], { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (error, output) => {
        if (error) reject(error);
        else resolve(output.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as ChildBuild));
      });
    });
  const half = Math.ceil(targets.length / 2);
  const results = await Promise.all([run(targets.slice(0, half)), run(targets.slice(half))]);
  return results[0].concat(results[1]);
}

async function main(): Promise<void> {
  const targets = JSON.parse(process.argv[2]) as string[][];
  for (const argv of targets) {
    const report: ChildBuild = { argv, error: null, edition: '', firmwarePath: '', jobPath: '', previewPath: '', storedBytes: 0, capacityBytes: 0 };
    try {
      const request = parseBuildCommand(argv, false);
      const build = await buildFirmware(request);
      report.edition = build.edition;
      report.firmwarePath = build.firmwarePath;
      report.jobPath = build.jobPath;
      report.capacityBytes = build.capacityBytes;
      report.storedBytes = build.storedBytes;
      report.previewPath = writeUploadPreview(build);
    } catch (error) {
      report.error = (error as Error).message;
    }
    process.stdout.write(JSON.stringify(report) + '\n');
  }
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(String((error as Error).stack || error) + '\n');
    process.exitCode = 1;
  });
}
