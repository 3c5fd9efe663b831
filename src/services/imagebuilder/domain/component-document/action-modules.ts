/**
 * The AWSTOE action modules a component step may name, with their inputs and outputs, as the
 * Image Builder User Guide documents them ("Action modules supported by AWSTOE component
 * manager", toe-action-modules.md).
 *
 * - `shape`: `map` modules take one mapping of inputs (`inputs: {commands: [...]}`); `list`
 *   modules take a list of mappings, one per file or key (`inputs: [{path: ...}]`).
 * - `optionalInputs`: the module runs without any (Reboot, UpdateOS); every other module needs
 *   its inputs ("Action S3Download has no inputs; it requires an 'inputs'", AWS's text).
 * - `platforms`: where the module runs, for the modules the guide restricts.
 * Inputs the guide does not list are accepted, and not checked: AWSTOE adds inputs over time.
 */
export type InputType = 'string' | 'boolean' | 'integer' | 'stringList' | 'stringMap' | 'parameterList' | 'any';

export interface InputSpec {
  type: InputType;
  required?: boolean;
  /** Accepted values, compared without regard to case. */
  values?: readonly string[];
}

export interface ActionModule {
  shape: 'map' | 'list';
  inputs: Record<string, InputSpec>;
  optionalInputs?: boolean;
  /** Exactly one of these inputs must be given (ExecutePowerShell's `commands` or `file`). */
  oneOf?: readonly string[];
  outputs: readonly string[];
  platforms?: readonly string[];
  /** Fixed step settings the module refuses to change (ExecuteDocument). */
  fixed?: { timeoutSeconds: number; maxAttempts: number };
}

const ENCODINGS = ['utf8', 'utf-8', 'utf16', 'utf-16', 'utf16-le', 'utf-16-le', 'utf16-be', 'utf-16-be', 'utf32', 'utf-32', 'utf32-le', 'utf-32-le', 'utf32-be', 'utf-32-be'];
const NOT_WINDOWS = ['Linux', 'macOS'];
const STDOUT = ['stdout'];

const required = (type: InputType = 'string'): InputSpec => ({ type, required: true });
const optional = (type: InputType = 'string', values?: readonly string[]): InputSpec => ({ type, values });

const transfer = (extra: Record<string, InputSpec>): ActionModule => ({
  shape: 'list', inputs: { source: required(), destination: required(), ...extra }, outputs: [],
});
const copyOrMove: ActionModule = { shape: 'list', inputs: { source: required(), destination: required(), overwrite: optional('boolean') }, outputs: [] };
const msi: ActionModule = {
  shape: 'map',
  inputs: {
    path: required(), reboot: optional('string', ['Allow', 'Force', 'Skip']), logOptions: optional(), logFile: optional(),
    properties: optional('stringMap'), ignoreAuthenticodeSignatureErrors: optional('boolean'), allowUnsignedInstaller: optional('boolean'),
  },
  outputs: ['logFile', 'msiExitCode', 'stdout'],
  platforms: ['Windows'],
};

export const ACTION_MODULES: Record<string, ActionModule> = {
  // General execution
  Assert: { shape: 'map', inputs: {}, outputs: [] },
  ExecuteBash: { shape: 'map', inputs: { commands: required('stringList') }, outputs: STDOUT, platforms: NOT_WINDOWS },
  ExecuteBinary: { shape: 'map', inputs: { path: required(), arguments: optional('stringList') }, outputs: STDOUT },
  ExecuteDocument: {
    shape: 'map',
    inputs: { document: required(), 'document-s3-bucket-owner': optional(), phases: optional(), parameters: optional('parameterList') },
    outputs: ['executedStepCount', 'executionId', 'failedStepCount', 'failureMessage', 'ignoredFailedStepCount', 'logUrl', 'status'],
    fixed: { timeoutSeconds: -1, maxAttempts: 1 },
  },
  ExecutePowerShell: { shape: 'map', inputs: { commands: optional('stringList'), file: optional() }, oneOf: ['commands', 'file'], outputs: STDOUT, platforms: ['Windows'] },
  // File download and upload
  S3Download: transfer({ expectedBucketOwner: optional(), overwrite: optional('boolean') }),
  S3Upload: transfer({ recurse: optional('boolean'), expectedBucketOwner: optional() }),
  WebDownload: {
    ...transfer({
      overwrite: optional('boolean'), checksum: optional(), algorithm: optional('string', ['MD5', 'SHA1', 'SHA256', 'SHA512']), ignoreCertificateErrors: optional('boolean'),
    }),
    outputs: ['destination'],
  },
  // File system operations
  AppendFile: { shape: 'list', inputs: { path: required(), content: optional(), encoding: optional('string', ENCODINGS) }, outputs: [] },
  CopyFile: copyOrMove,
  CopyFolder: copyOrMove,
  CreateFile: {
    shape: 'list',
    inputs: {
      path: required(), content: optional(), encoding: optional('string', ENCODINGS), owner: optional(), group: optional(), permissions: optional(), overwrite: optional('boolean'),
    },
    outputs: [],
  },
  CreateFolder: { shape: 'list', inputs: { path: required(), owner: optional(), group: optional(), permissions: optional(), overwrite: optional('boolean') }, outputs: [] },
  CreateSymlink: { shape: 'list', inputs: { path: required(), target: required(), force: optional('boolean') }, outputs: [], platforms: NOT_WINDOWS },
  DeleteFile: { shape: 'list', inputs: { path: required() }, outputs: [] },
  DeleteFolder: { shape: 'list', inputs: { path: required(), force: optional('boolean') }, outputs: [] },
  ListFiles: { shape: 'list', inputs: { path: required(), fileNamePattern: optional(), recursive: optional('boolean') }, outputs: ['files'] },
  MoveFile: copyOrMove,
  MoveFolder: copyOrMove,
  ReadFile: { shape: 'list', inputs: { path: required(), encoding: optional('string', ENCODINGS), printFileContent: optional('boolean') }, outputs: ['content'] },
  SetFileEncoding: { shape: 'list', inputs: { path: required(), encoding: optional('string', ENCODINGS) }, outputs: [] },
  SetFileOwner: { shape: 'list', inputs: { path: required(), owner: required(), group: optional() }, outputs: [], platforms: NOT_WINDOWS },
  SetFolderOwner: { shape: 'list', inputs: { path: required(), owner: required(), group: optional(), recursive: optional('boolean') }, outputs: [], platforms: NOT_WINDOWS },
  SetFilePermissions: { shape: 'list', inputs: { path: required(), permissions: required() }, outputs: [], platforms: NOT_WINDOWS },
  SetFolderPermissions: { shape: 'list', inputs: { path: required(), permissions: required(), recursive: optional('boolean') }, outputs: [], platforms: NOT_WINDOWS },
  // Software installation
  InstallMSI: msi,
  UninstallMSI: msi,
  // System actions
  Reboot: { shape: 'map', inputs: { delaySeconds: optional('integer') }, optionalInputs: true, outputs: [] },
  SetRegistry: {
    shape: 'list',
    inputs: { path: required(), name: required(), value: required('any'), type: { type: 'string', required: true, values: ['BINARY', 'DWORD', 'QWORD', 'SZ', 'EXPAND_SZ', 'MULTI_SZ'] } },
    outputs: [],
    platforms: ['Windows'],
  },
  UpdateOS: { shape: 'map', inputs: { include: optional('stringList'), exclude: optional('stringList') }, optionalInputs: true, outputs: [] },
};

/** The module a step names, matched exactly; `suggestion` is the module a wrongly cased name meant. */
export function findActionModule(name: string): { module?: ActionModule; suggestion?: string } {
  const module = Object.hasOwn(ACTION_MODULES, name) ? ACTION_MODULES[name] : undefined;
  if (module) return { module };
  return { suggestion: Object.keys(ACTION_MODULES).find((known) => known.toLowerCase() === name.toLowerCase()) };
}
