// `npm run upload-preview`: build what was asked, then write what `npm run flash` would send (Storage writes of .bootcde and a load()) to dist/upload-preview.js, offline.

import { statSync } from 'node:fs';
import { runBuildCommand } from './build-options';
import { buildFirmware, describeBuild, shownPath, writeUploadPreview } from './firmware-build';

runBuildCommand('upload-preview', false, async (request) => {
  const firmware = await buildFirmware(request);
  const previewPath = writeUploadPreview(firmware);
  console.log(`upload-preview: built ${describeBuild(request, firmware, request.choice)}; ${shownPath(previewPath)} ${statSync(previewPath).size} bytes: what the flash sends`);
});
