// Builds the upload-ready Teams app package: fills manifest/teams/manifest.json's ${{…}} placeholders from the
// environment, draws the two icons (192×192 colour, 32×32 white-on-transparent outline; our own art), validates the
// manifest against Microsoft's published schema for its version (npm @microsoft/app-manifest ships them offline),
// and writes the zip. Usage: BOT_ID=<app id> BOT_DOMAIN=<host> node scripts/teams-package.mjs [out.zip]
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync, deflateRawSync } from 'node:zlib';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(process.argv[2] || join(root, 'dist', 'wellnessbot-teams.zip'));

const env = process.env;
const values = {
  TEAMS_APP_ID: env.TEAMS_APP_ID || env.BOT_ID,
  BOT_ID: env.BOT_ID,
  BOT_DOMAIN: env.BOT_DOMAIN,
  DEVELOPER_NAME: env.DEVELOPER_NAME || 'Resident Wellness Program',
  DEVELOPER_WEBSITE: env.DEVELOPER_WEBSITE || `https://${env.BOT_DOMAIN}/`,
  PRIVACY_URL: env.PRIVACY_URL || `https://${env.BOT_DOMAIN}/privacy`,
  TERMS_URL: env.TERMS_URL || `https://${env.BOT_DOMAIN}/terms`,
};
const missing = ['BOT_ID', 'BOT_DOMAIN'].filter(k => !values[k]);
if (missing.length) {
  console.error(`Set ${missing.join(' and ')}: BOT_ID is the bot's Microsoft App ID (MicrosoftAppId), BOT_DOMAIN the host name it is reached at.`);
  process.exit(2);
}

const template = readFileSync(join(root, 'manifest', 'teams', 'manifest.json'), 'utf8');
const filled = template.replace(/\$\{\{([A-Z_]+)\}\}/g, (_, name) => {
  if (!(name in values)) throw new Error(`Unknown placeholder ${name} in manifest/teams/manifest.json`);
  return values[name];
});
const manifest = JSON.parse(filled);

// Validate against the schema of the manifest's own version.
const schemaPath = join(root, 'node_modules', '@microsoft', 'app-manifest', 'build', 'json-schemas', 'teams', `v${manifest.manifestVersion}`, 'MicrosoftTeams.schema.json');
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
if (!validate(manifest)) {
  for (const e of validate.errors) console.error(`manifest.json${e.instancePath || ''}: ${e.message}${e.params ? ' ' + JSON.stringify(e.params) : ''}`);
  process.exit(1);
}

// ---- Icons: drawn here, pixel by pixel (a heart held by two hands of colour), no third-party art. ----
function heart(x, y) {
  // Implicit heart curve, x,y in [-1.3, 1.3]: (x² + y² − 1)³ − x²y³ ≤ 0
  const a = x * x + y * y - 1;
  return a * a * a - x * x * y * y * y <= 0;
}
function drawColor(size) {
  const px = Buffer.alloc(size * size * 4);
  for (let j = 0; j < size; j++) for (let i = 0; i < size; i++) {
    const o = (j * size + i) * 4;
    // Accent background with a soft diagonal shade.
    const t = (i + j) / (2 * size);
    px[o] = Math.round(0x2a + 0x18 * t); px[o + 1] = Math.round(0x5d + 0x20 * t); px[o + 2] = Math.round(0x84 + 0x20 * t); px[o + 3] = 255;
    const x = (i + 0.5 - size / 2) / (size * 0.30), y = -(j + 0.5 - size * 0.52) / (size * 0.30);
    if (heart(x, y)) { px[o] = 255; px[o + 1] = 255; px[o + 2] = 255; }
  }
  return px;
}
function drawOutline(size) {
  const px = Buffer.alloc(size * size * 4); // transparent
  for (let j = 0; j < size; j++) for (let i = 0; i < size; i++) {
    const x = (i + 0.5 - size / 2) / (size * 0.36), y = -(j + 0.5 - size * 0.52) / (size * 0.36);
    const inner = (i + 0.5 - size / 2) / (size * 0.22), innerY = -(j + 0.5 - size * 0.50) / (size * 0.22);
    if (heart(x, y) && !heart(inner, innerY)) {
      const o = (j * size + i) * 4;
      px[o] = 255; px[o + 1] = 255; px[o + 2] = 255; px[o + 3] = 255; // white, as Teams asks for outlines
    }
  }
  return px;
}

const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
function crc32(buf) { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; }

function png(size, rgba) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0; // 8-bit RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let j = 0; j < size; j++) { raw[j * (size * 4 + 1)] = 0; rgba.copy(raw, j * (size * 4 + 1) + 1, j * size * 4, (j + 1) * size * 4); }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

// ---- A minimal zip (deflate), so no zip tool is needed. ----
function zip(files) {
  const locals = [], centrals = [];
  let offset = 0;
  for (const [name, data] of files) {
    const nameBuf = Buffer.from(name, 'utf8');
    const compressed = deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0, 6); local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0, 10); local.writeUInt16LE(0x21, 12); local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(nameBuf.length, 26); local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(0, 8);
    central.writeUInt16LE(8, 10); central.writeUInt16LE(0, 12); central.writeUInt16LE(0x21, 14); central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20); central.writeUInt32LE(data.length, 24); central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, compressed);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + compressed.length;
  }
  const centralBuf = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(files.length, 8); end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralBuf.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralBuf, end]);
}

const files = [
  ['manifest.json', Buffer.from(JSON.stringify(manifest, null, 2), 'utf8')],
  [manifest.icons.color, png(192, drawColor(192))],
  [manifest.icons.outline, png(32, drawOutline(32))],
];
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, zip(files));
console.log(`Teams app package: ${out} (manifest v${manifest.manifestVersion} valid; upload it in Teams → Apps → Manage your apps → Upload an app)`);
