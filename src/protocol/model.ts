/**
 * Loads the trimmed service models (models/*.json) once and indexes what the protocol layer
 * needs on every request: operations by name, compiled patterns, error codes with their status.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packagePath } from '../kernel/paths.js';

export type ServiceName = 'iam' | 'sts' | 'imagebuilder';
export const SERVICE_NAMES: readonly ServiceName[] = ['iam', 'sts', 'imagebuilder'];

export interface MemberRef {
  shape: string;
  location?: 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode';
  locationName?: string;
  idempotencyToken?: boolean;
  flattened?: boolean;
}

export interface Shape {
  type: 'structure' | 'list' | 'map' | 'string' | 'integer' | 'long' | 'double' | 'float' | 'boolean' | 'timestamp' | 'blob';
  members?: Record<string, MemberRef>;
  required?: string[];
  member?: MemberRef;
  key?: MemberRef;
  value?: MemberRef;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  flattened?: boolean;
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
  exception?: boolean;
  /** Kiln's own trait: the value travels URL-encoded in XML (IAM policy documents). */
  'kiln:urlEncoded'?: boolean;
}

export interface Operation {
  name: string;
  http: { method: string; requestUri: string; responseCode?: number };
  input?: { shape: string };
  output?: { shape: string; resultWrapper?: string };
  errors?: { shape: string }[];
}

export interface ServiceModel {
  name: ServiceName;
  metadata: { apiVersion: string; protocol: 'query' | 'rest-json'; signingName: string; xmlNamespace?: string };
  operations: Record<string, Operation>;
  shapes: Record<string, Shape>;
  /** Error code → HTTP status and fault side, from every exception shape of the model. */
  errors: Map<string, { status: number; senderFault: boolean }>;
  /** Full-match regular expressions for every `pattern` trait, compiled once. */
  patterns: Map<string, RegExp>;
}

const MODELS_DIR = packagePath('models');

/** Java-style patterns from the models, as JavaScript full-match expressions. */
function compilePattern(pattern: string): RegExp {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    return new RegExp(`^(?:${pattern})$`);
  }
}

function index(name: ServiceName, raw: Omit<ServiceModel, 'name' | 'errors' | 'patterns'>): ServiceModel {
  const errors = new Map<string, { status: number; senderFault: boolean }>();
  const patterns = new Map<string, RegExp>();
  for (const [shapeName, shape] of Object.entries(raw.shapes)) {
    if (shape.exception) {
      const code = shape.error?.code ?? shapeName;
      errors.set(code, { status: shape.error?.httpStatusCode ?? 400, senderFault: shape.error?.senderFault ?? (shape.error?.httpStatusCode ?? 400) < 500 });
    }
    if (shape.pattern && !patterns.has(shape.pattern)) patterns.set(shape.pattern, compilePattern(shape.pattern));
  }
  return { name, metadata: raw.metadata, operations: raw.operations, shapes: raw.shapes, errors, patterns };
}

const cache = new Map<ServiceName, ServiceModel>();

export function loadModel(name: ServiceName): ServiceModel {
  let model = cache.get(name);
  if (!model) {
    model = index(name, JSON.parse(readFileSync(join(MODELS_DIR, `${name}.json`), 'utf8')));
    cache.set(name, model);
  }
  return model;
}
