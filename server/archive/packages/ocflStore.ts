// The archive's OCFL storage root, beside the blob store: on the filesystem under DATA_DIR/ocfl, or under a
// prefix of the S3 bucket when S3 is configured. Either way a version, once written, is never changed: files of
// version directories are created once (an existing one must hold the very same bytes), and the root inventory
// is replaced last, its sidecar after it, so a reader never sees an inventory naming files not yet written.
import { createHash } from 'node:crypto';
import { access, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Client, LEGAL_HOLD_STATUS } from 'minio';
import { StorageRoot, fsTree, OcflError, syncDirectory, writeObjectToDir, type Tree } from '../../../archive/index.ts';
import { parseS3Endpoint } from '../../storage/s3Endpoint.ts';
import type { S3Config } from '../../storage/index.ts';

export interface OcflStore {
  readonly kind: 'fs' | 's3';
  /** Where the object lives inside the storage root (0004-hashed-n-tuple layout). */
  objectPath(id: string): string;
  /** Every file of the object (all versions), or null when it does not exist yet. */
  read(id: string): Promise<Map<string, Uint8Array> | null>;
  /**
   * Writes the new files of an object; existing version files must be unchanged (OCFL_VERSION_IMMUTABLE). Where the
   * storage has legal holds, every object written gets `legalHold` (unset: the hold the object's root inventory has).
   */
  write(id: string, files: Map<string, Uint8Array>, options?: WriteOptions): Promise<string>;
  /** Whether this storage can hold objects by itself (S3 Object Legal Hold), and if not, why. */
  readonly legalHolds: LegalHoldSupport;
  /**
   * Puts every stored version of every key of the object under the storage's legal hold (`on`), or lifts it. Nothing
   * where `legalHolds` is unsupported. Returns how many versions were set.
   */
  setLegalHold(id: string, on: boolean): Promise<number>;
  /** Read access for the OCFL validator and the package verifier. */
  tree(id: string): Tree;
  /**
   * Replaces the whole object, every version, by `files` — the one exception to immutability, for erasing documents
   * destroyed under an approved act. The new object is staged first; on S3 every stored version of every key is
   * deleted (Object Lock refuses until its date).
   */
  replace(id: string, files: Map<string, Uint8Array>): Promise<string>;
  /**
   * Finishes a replacement the process died in the middle of (the staged object is moved in). Only the job that
   * replaces objects calls it, before it reads, so ordinary reads pay nothing for it.
   */
  finishReplace(id: string): Promise<void>;
}

export interface WriteOptions {
  legalHold?: boolean;
}

export type LegalHoldSupport = { supported: true } | { supported: false; reason: 'filesystem' | 'no-object-lock' };

const ROOT_INVENTORY = ['inventory.json', 'inventory.json.sha512'];
/** Written last into an S3 staging prefix: the staged object is whole. */
const STAGED_COMPLETE = 'STAGED-COMPLETE';
const LAYOUT = '0004-hashed-n-tuple-storage-layout';

// Same layout as archive/ocfl/storageRoot.ts, so a bucket prefix can be mirrored to a directory and back.
export function hashedObjectPath(id: string): string {
  const h = createHash('sha256').update(id, 'utf8').digest('hex');
  return `${h.slice(0, 3)}/${h.slice(3, 6)}/${h.slice(6, 9)}/${h}`;
}

async function collect(tree: Tree): Promise<Map<string, Uint8Array> | null> {
  const top = await tree.list('');
  if (!top || top.length === 0) return null;
  const files = new Map<string, Uint8Array>();
  const walk = async (dir: string): Promise<void> => {
    for (const e of (await tree.list(dir)) ?? []) {
      const p = dir === '' ? e.name : `${dir}/${e.name}`;
      if (e.dir) await walk(p);
      else if (!e.name.startsWith('.')) {
        const b = await tree.read(p);
        if (b) files.set(p, b);
      }
    }
  };
  await walk('');
  return files;
}

class FsOcflStore implements OcflStore {
  readonly kind = 'fs' as const;
  readonly legalHolds: LegalHoldSupport = { supported: false, reason: 'filesystem' };
  async setLegalHold(): Promise<number> {
    return 0;
  }
  constructor(private readonly root: StorageRoot) {}
  objectPath(id: string): string {
    return this.root.objectPath(id);
  }
  read(id: string): Promise<Map<string, Uint8Array> | null> {
    return collect(this.root.tree(id));
  }
  private dirs(id: string): { dir: string; staged: string; old: string } {
    const dir = join(this.root.dir, this.root.objectPath(id));
    return { dir, staged: `${dir}.replacement`, old: `${dir}.replaced` };
  }
  async finishReplace(id: string): Promise<void> {
    const { dir, staged, old } = this.dirs(id);
    if (!(await exists(staged))) return;
    if (await exists(dir)) {
      // Staged, the old object not yet moved away: start over from the old one.
      await rm(staged, { recursive: true, force: true });
      return;
    }
    await rename(staged, dir);
    await syncDirectory(dirname(dir));
    await rm(old, { recursive: true, force: true });
  }
  async replace(id: string, files: Map<string, Uint8Array>): Promise<string> {
    const { dir, staged, old } = this.dirs(id);
    await this.finishReplace(id);
    await rm(staged, { recursive: true, force: true });
    await writeObjectToDir(staged, files);
    await rm(old, { recursive: true, force: true });
    if (await exists(dir)) await rename(dir, old);
    await rename(staged, dir);
    await syncDirectory(dirname(dir));
    await rm(old, { recursive: true, force: true });
    return this.root.objectPath(id);
  }
  async write(id: string, files: Map<string, Uint8Array>): Promise<string> {
    // A version directory above the stored root inventory's head was left by a writer that failed before its
    // inventory (the version was never part of the object): it is cleared, so that a retry can write its own.
    const dir = join(this.root.dir, this.root.objectPath(id));
    const next = newestVersion(files);
    let stored = 0;
    try {
      stored = headOf(await readFile(join(dir, 'inventory.json')));
    } catch {
      stored = 0;
    }
    for (let v = stored + 1; v <= next; v += 1) await rm(join(dir, `v${v}`), { recursive: true, force: true });
    return this.root.put(id, files);
  }
  tree(id: string): Tree {
    return fsTree(`${this.root.dir}/${this.root.objectPath(id)}`);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}


/** The highest version an object's file map holds (each version directory has its inventory): no JSON to parse. */
function newestVersion(files: Map<string, Uint8Array>): number {
  let n = 0;
  for (const p of files.keys()) {
    const m = /^v(\d+)\/inventory\.json$/.exec(p);
    if (m) n = Math.max(n, Number(m[1]));
  }
  return n;
}

function headOf(inventory: Uint8Array | undefined): number {
  if (!inventory) return 0;
  const head = (JSON.parse(new TextDecoder().decode(inventory)) as { head?: string }).head ?? 'v0';
  return Number(head.slice(1)) || 0;
}

function s3Code(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

async function streamBytes(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : Buffer.from(c));
  return new Uint8Array(Buffer.concat(chunks));
}

/** One stored version of a key, as listed (no `versionId` where the store keeps no versions). */
interface StoredVersion {
  name: string;
  versionId?: string;
  deleteMarker?: boolean;
}

const NO_RETENTION = ['NoSuchObjectLockConfiguration', 'ObjectLockConfigurationNotFoundError'];
/** The answers to a legal hold asked of a version that never had one (AWS, MinIO; Ceph RGW), or of a delete marker. */
const NO_LEGAL_HOLD = [...NO_RETENTION, 'NoSuchKey', 'NoSuchObjectLockLegalHold'];

export interface ObjectLockSettings {
  /** days each version file is retained (COMPLIANCE or GOVERNANCE); 0 = rely on the bucket's default rule */
  days: number;
  mode: 'COMPLIANCE' | 'GOVERNANCE';
}

class S3OcflStore implements OcflStore {
  readonly kind = 's3' as const;
  /** Object Lock on the bucket: whether it is on, and whether the bucket retains new objects by itself. */
  lock: { enabled: boolean; bucketDefault: boolean } = { enabled: false, bucketDefault: false };
  constructor(
    private readonly client: Client,
    private readonly bucket: string,
    private readonly prefix: string,
    private readonly lockSettings: ObjectLockSettings,
  ) {}

  get legalHolds(): LegalHoldSupport {
    return this.lock.enabled ? { supported: true } : { supported: false, reason: 'no-object-lock' };
  }

  objectPath(id: string): string {
    return hashedObjectPath(id);
  }

  async setLegalHold(id: string, on: boolean): Promise<number> {
    if (!this.lock.enabled) return 0;
    let n = 0;
    for (const item of await this.listEveryVersion(`${this.prefix}${this.objectPath(id)}/`)) {
      // A delete marker holds no bytes and takes no hold (RGW answers NoSuchKey for it).
      if (item.deleteMarker) continue;
      await this.client.setObjectLegalHold(this.bucket, item.name, { status: on ? LEGAL_HOLD_STATUS.ENABLED : LEGAL_HOLD_STATUS.DISABLED, ...(item.versionId ? { versionId: item.versionId } : {}) });
      n += 1;
    }
    return n;
  }

  /** Whether this version of a key is under the storage's legal hold. */
  private async legalHoldOf(key: string, versionId?: string): Promise<boolean> {
    try {
      const r = (await this.client.getObjectLegalHold(this.bucket, key, versionId ? { versionId } : undefined)) as unknown as { Status?: string } | string | null;
      return (typeof r === 'string' ? r : r?.Status) === LEGAL_HOLD_STATUS.ENABLED;
    } catch (error) {
      if (NO_LEGAL_HOLD.includes(s3Code(error) ?? '')) return false;
      throw error;
    }
  }

  private key(id: string, path: string): string {
    return `${this.prefix}${this.objectPath(id)}/${path}`;
  }

  private async get(key: string): Promise<Uint8Array | undefined> {
    try {
      return await streamBytes(await this.client.getObject(this.bucket, key));
    } catch (error) {
      const code = s3Code(error);
      if (code === 'NoSuchKey' || code === 'NotFound') return undefined;
      throw error;
    }
  }

  async init(region: string): Promise<void> {
    // The blob store creates the bucket at boot; a store opened on its own (tests, tools) may come first.
    if (!(await this.client.bucketExists(this.bucket))) await this.client.makeBucket(this.bucket, region);
    try {
      const cfg = (await (this.client.getObjectLockConfig(this.bucket) as unknown as Promise<{ objectLockEnabled?: string; mode?: string; validity?: number }>)) ?? {};
      if (cfg.objectLockEnabled === 'Enabled') this.lock = { enabled: true, bucketDefault: Boolean(cfg.mode && cfg.validity) };
    } catch {
      // No Object Lock configuration (or a server without the API): versions are protected by this code only.
    }
    if (await this.get(`${this.prefix}0=ocfl_1.1`)) return;
    await this.client.putObject(this.bucket, `${this.prefix}0=ocfl_1.1`, Buffer.from('ocfl_1.1\n'));
    await this.client.putObject(
      this.bucket,
      `${this.prefix}ocfl_layout.json`,
      Buffer.from(JSON.stringify({ description: 'Hashed N-tuple storage layout (SHA-256, 3 × 3)', extension: LAYOUT })),
    );
  }

  read(id: string): Promise<Map<string, Uint8Array> | null> {
    return collect(this.tree(id));
  }

  async finishReplace(id: string): Promise<void> {
    const staged = await collect(this.treeAt(this.stagingBase(id)));
    if (!staged) return;
    // The old object is erased only after the staged copy is complete and marked so: an unmarked copy may be partial
    // and is dropped (the replacement starts over); a marked one is the object, whatever the erasure left — unless
    // the object already is that copy (the replacement finished; only the staged keys were left, under retention).
    if (staged.has(STAGED_COMPLETE)) {
      staged.delete(STAGED_COMPLETE);
      const current = await this.get(this.key(id, 'inventory.json'));
      const stagedInventory = staged.get('inventory.json');
      const done = current !== undefined && stagedInventory !== undefined && Buffer.compare(current, stagedInventory) === 0;
      if (!done) {
        await this.removeEveryVersion(`${this.prefix}${this.objectPath(id)}/`);
        await this.write(id, staged);
      }
    }
    await this.dropStaging(id);
  }

  /**
   * Removes a staging copy. Under a bucket's default retention rule the staged keys are retained like any other, so
   * they may outlive the replacement: that is left as it is (they hold only the replacement, never the erased
   * content), and the next replacement of the object refuses until their retention is over.
   */
  private async dropStaging(id: string): Promise<void> {
    try {
      await this.removeEveryVersion(this.stagingBase(id));
    } catch (error) {
      if (!(error instanceof OcflError && error.code === 'OCFL_OBJECT_RETAINED' && this.lock.bucketDefault)) throw error;
    }
  }

  private stagingBase(id: string): string {
    return `${this.prefix}replacements/${this.objectPath(id)}/`;
  }

  /**
   * Deletes every key under `prefix`, each stored version of it too where the bucket keeps versions. Under Object Lock
   * the retention of every one is checked first: S3 deletes what it may and refuses the rest key by key, which would
   * leave an object without its root inventory — so nothing is deleted while anything is retained.
   */
  private async removeEveryVersion(prefix: string): Promise<void> {
    const items = await this.listEveryVersion(prefix);
    if (this.lock.enabled) await this.assertNotRetained(items);
    await this.removeItems(items, prefix);
  }

  /** Deletes these keys (versions), already known not to be retained. */
  private async removeItems(items: StoredVersion[], prefix: string): Promise<void> {
    for (let i = 0; i < items.length; i += 1000) {
      const results = (await this.client.removeObjects(this.bucket, items.slice(i, i + 1000))) as unknown as { Code?: string; Message?: string; Key?: string }[];
      const failed = (results ?? []).find((r) => r && typeof r === 'object' && r.Code);
      if (failed) throw new OcflError('OCFL_OBJECT_RETAINED', `${failed.Key ?? prefix}: ${failed.Code} ${failed.Message ?? ''} (Object Lock retention not yet over, or a legal hold?)`.trim());
    }
  }

  private async listEveryVersion(prefix: string): Promise<StoredVersion[]> {
    const items: StoredVersion[] = [];
    try {
      const listing = this.client.listObjects(this.bucket, prefix, true, { IncludeVersion: true }) as AsyncIterable<{ name?: string; versionId?: string | null; isDeleteMarker?: boolean }>;
      for await (const item of listing) {
        if (!item.name) continue;
        const version: StoredVersion = item.versionId && item.versionId !== 'null' ? { name: item.name, versionId: item.versionId } : { name: item.name };
        if (item.isDeleteMarker) version.deleteMarker = true;
        items.push(version);
      }
    } catch (error) {
      // A store without object versions (s3rver, some gateways) refuses the versions listing: its keys are all there is.
      if (!['MethodNotAllowed', 'NotImplemented'].includes(s3Code(error) ?? '')) throw error;
      items.length = 0;
      for await (const item of this.client.listObjectsV2(this.bucket, prefix, true) as AsyncIterable<{ name?: string }>) if (item.name) items.push({ name: item.name });
    }
    return items;
  }

  async replace(id: string, files: Map<string, Uint8Array>): Promise<string> {
    const staging = this.stagingBase(id);
    const objectPrefix = `${this.prefix}${this.objectPath(id)}/`;
    await this.removeEveryVersion(staging);
    // Listed and checked once, before anything is staged, so that a retained object leaves no staged copy behind
    // (under a default rule that copy would itself be retained). The caller holds the object's lock: the list stays
    // what is stored.
    const stored = await this.listEveryVersion(objectPrefix);
    if (this.lock.enabled) await this.assertNotRetained(stored);
    for (const [p, b] of files) await this.client.putObject(this.bucket, `${staging}${p}`, Buffer.from(b), b.length);
    await this.client.putObject(this.bucket, `${staging}${STAGED_COMPLETE}`, Buffer.from('complete\n'));
    await this.removeItems(stored, objectPrefix);
    await this.write(id, files);
    await this.dropStaging(id);
    return this.objectPath(id);
  }

  /** OCFL_OBJECT_RETAINED when the storage still retains any of these keys (versions), or holds one (legal hold). */
  private async assertNotRetained(items: StoredVersion[]): Promise<void> {
    const now = Date.now();
    for (const item of items) {
      // A delete marker (left where a plain DELETE met a versioned bucket) holds nothing and has no retention to ask
      // for: RGW answers NoSuchKey for it.
      if (item.deleteMarker) continue;
      // A legal hold refuses the deletion whatever the retention: S3 would refuse this version and delete the rest.
      if (await this.legalHoldOf(item.name, item.versionId)) {
        throw new OcflError('OCFL_OBJECT_RETAINED', `${item.name}: under the storage's legal hold (S3 Object Legal Hold) — lifted only when no legal hold of the archive covers the package`);
      }
      let until: Date | undefined;
      try {
        const r = (await this.client.getObjectRetention(this.bucket, item.name, item.versionId ? { versionId: item.versionId } : undefined)) as { retainUntilDate?: string } | null;
        until = r?.retainUntilDate ? new Date(r.retainUntilDate) : undefined;
      } catch (error) {
        // No retention on this version: AWS and MinIO say NoSuchObjectLockConfiguration, Ceph RGW
        // ObjectLockConfigurationNotFoundError.
        if (NO_RETENTION.includes(s3Code(error) ?? '')) continue;
        throw error;
      }
      if (until && until.getTime() > now) throw new OcflError('OCFL_OBJECT_RETAINED', `${item.name}: retained by the storage's Object Lock until ${until.toISOString()}`);
    }
  }

  /** Keys of version directories above the stored head: left by a writer that failed before its inventory. */
  private async clearStrayVersions(id: string, next: number): Promise<void> {
    const stored = headOf(await this.get(this.key(id, 'inventory.json')));
    for (let v = stored + 1; v <= next; v += 1) {
      const prefix = this.key(id, `v${v}/`);
      const keys: string[] = [];
      for await (const item of this.client.listObjectsV2(this.bucket, prefix, true) as AsyncIterable<{ name?: string }>) if (item.name) keys.push(item.name);
      if (keys.length > 0) await this.client.removeObjects(this.bucket, keys);
    }
  }

  async write(id: string, files: Map<string, Uint8Array>, options: WriteOptions = {}): Promise<string> {
    await this.clearStrayVersions(id, newestVersion(files));
    // A new version of a held object is held like the rest of it (evidence records, renewals: writers that do not ask
    // the database). minio's putObject cannot send x-amz-object-lock-legal-hold, so the hold is set on the version
    // the PUT made, right after it — as the retention is.
    const hold = this.lock.enabled && (options.legalHold ?? (await this.legalHoldOf(this.key(id, 'inventory.json'))));
    const held = async (key: string, versionId: string | null | undefined): Promise<void> => {
      if (hold) await this.client.setObjectLegalHold(this.bucket, key, { status: LEGAL_HOLD_STATUS.ENABLED, ...(versionId ? { versionId } : {}) });
    };
    for (const [p, b] of files) {
      if (ROOT_INVENTORY.includes(p)) continue;
      const existing = await this.get(this.key(id, p));
      if (existing) {
        if (Buffer.compare(existing, b) !== 0) throw new OcflError('OCFL_VERSION_IMMUTABLE', `refusing to change ${p}: existing versions are immutable`);
        continue;
      }
      const put = await this.client.putObject(this.bucket, this.key(id, p), Buffer.from(b), b.length);
      // Where the bucket has Object Lock, version files are also retained by the storage itself: by its default
      // rule, or for ARCHIVE_S3_LOCK_DAYS from now. The root inventory is replaced at each version by design
      // (a versioned bucket keeps its earlier versions).
      if (this.lock.enabled && this.lockSettings.days > 0) {
        const until = new Date(Date.now() + this.lockSettings.days * 86_400_000).toISOString();
        await this.client.putObjectRetention(this.bucket, this.key(id, p), { versionId: put.versionId ?? '', mode: this.lockSettings.mode, retainUntilDate: until });
      }
      await held(this.key(id, p), put.versionId);
    }
    for (const p of ROOT_INVENTORY) {
      const b = files.get(p);
      if (b) await held(this.key(id, p), (await this.client.putObject(this.bucket, this.key(id, p), Buffer.from(b), b.length)).versionId);
    }
    return this.objectPath(id);
  }

  tree(id: string): Tree {
    return this.treeAt(`${this.prefix}${this.objectPath(id)}/`);
  }

  private treeAt(base: string): Tree {
    // One recursive listing per tree: delimiter listings differ between S3 implementations (s3rver drops
    // common prefixes across pages), and an object is a few dozen keys.
    let keys: Promise<string[]> | null = null;
    const allKeys = (): Promise<string[]> => {
      keys ??= (async () => {
        const out: string[] = [];
        for await (const item of this.client.listObjectsV2(this.bucket, base, true) as AsyncIterable<{ name?: string }>) if (item.name) out.push(item.name.slice(base.length));
        return out;
      })();
      return keys;
    };
    return {
      list: async (path) => {
        const dir = path.replace(/^\/+|\/+$/g, '');
        const prefix = dir === '' ? '' : `${dir}/`;
        const out = new Map<string, boolean>();
        for (const k of await allKeys()) {
          if (!k.startsWith(prefix)) continue;
          const rest = k.slice(prefix.length);
          const i = rest.indexOf('/');
          if (i < 0) out.set(rest, out.get(rest) ?? false);
          else out.set(rest.slice(0, i), true);
        }
        if (out.size === 0) return undefined;
        return [...out].map(([name, d]) => ({ name, dir: d })).sort((a, b) => (a.name < b.name ? -1 : 1));
      },
      read: (path) => this.get(`${base}${path}`),
    };
  }
}

export interface OcflStoreConfig {
  dataDir: string;
  s3?: S3Config | null;
  /** key prefix inside the bucket; default `ocfl/` */
  s3Prefix?: string;
  objectLock?: ObjectLockSettings;
}

export async function openOcflStore(config: OcflStoreConfig): Promise<OcflStore> {
  if (!config.s3) return new FsOcflStore(await StorageRoot.open(`${config.dataDir}/ocfl`));
  const s3 = config.s3;
  const region = s3.region ?? 'us-east-1';
  const client = new Client({ ...parseS3Endpoint(s3.endpoint), accessKey: s3.accessKey, secretKey: s3.secretKey, region, pathStyle: true });
  const prefix = (config.s3Prefix ?? 'ocfl/').replace(/^\/+/, '').replace(/\/*$/, '/');
  const store = new S3OcflStore(client, s3.bucket, prefix, config.objectLock ?? { days: 0, mode: 'COMPLIANCE' });
  await store.init(region);
  return store;
}
