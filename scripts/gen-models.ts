/**
 * Generates the trimmed service models in models/ from the botocore data on this machine.
 *
 *   npx tsx scripts/gen-models.ts
 *
 * Keeps operations, HTTP bindings, shapes and every trait the protocol layer and the validator
 * use; drops documentation text. The output is committed, so nothing at run time or in CI needs
 * Python. botocore is Apache-2.0 licensed; models/README.md credits it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';

const SERVICES = [
  { name: 'iam', version: '2010-05-08' },
  { name: 'sts', version: '2011-06-15' },
  { name: 'imagebuilder', version: '2019-12-02' },
] as const;

/** Shapes whose string values AWS sends URL-encoded in XML (botocore decodes them in `json_decode_policies`). */
const URL_ENCODED_SHAPES: Record<string, string[]> = { iam: ['policyDocumentType'] };

const DROPPED_KEYS = new Set(['documentation', 'documentationUrl', 'deprecatedMessage', 'examples']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function strip(value: Json): Json {
  if (Array.isArray(value)) return value.map(strip);
  if (value && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [key, inner] of Object.entries(value)) if (!DROPPED_KEYS.has(key)) out[key] = strip(inner);
    return out;
  }
  return value;
}

function botocoreDir(): { dir: string; version: string } {
  const out = execFileSync('python3', ['-c', 'import botocore, os; print(os.path.dirname(botocore.__file__)); print(botocore.__version__)'], { encoding: 'utf8' });
  const [dir, version] = out.trim().split('\n');
  return { dir, version };
}

const { dir, version: botocoreVersion } = botocoreDir();
for (const service of SERVICES) {
  const source = join(dir, 'data', service.name, service.version, 'service-2.json.gz');
  const raw = JSON.parse(gunzipSync(readFileSync(source)).toString('utf8'));
  const m = raw.metadata;
  const model = {
    source: { botocore: botocoreVersion, file: `botocore/data/${service.name}/${service.version}/service-2.json.gz`, license: 'Apache-2.0' },
    metadata: {
      apiVersion: m.apiVersion, protocol: m.protocol, signingName: m.signingName ?? m.endpointPrefix,
      endpointPrefix: m.endpointPrefix, serviceId: m.serviceId, xmlNamespace: m.xmlNamespace, jsonVersion: m.jsonVersion,
    },
    operations: strip(raw.operations) as Record<string, Record<string, Json>>,
    shapes: strip(raw.shapes) as Record<string, Record<string, Json>>,
  };
  for (const op of Object.values(model.operations)) { delete op.auth; delete op.authtype; }
  for (const shapeName of URL_ENCODED_SHAPES[service.name] ?? []) model.shapes[shapeName]['kiln:urlEncoded'] = true;
  writeFileSync(join('models', `${service.name}.json`), JSON.stringify(model, null, 1) + '\n');
  console.log(`${service.name}: ${Object.keys(model.operations).length} operations, ${Object.keys(model.shapes).length} shapes`);
}
