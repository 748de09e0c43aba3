import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32cBase64 } from './crc32c';
import { parseMultipartRelated } from './multipart-related';

/** An object as the fake server holds it. */
export interface FakeGcsObject {
  name: string;
  data: Buffer;
  contentType: string;
  /** Custom metadata (`metadata` in the JSON API). */
  metadata: Record<string, string>;
  generation: number;
  /** Checksums as GCS reports them (base64); recomputed on every write. */
  crc32c: string;
  md5Hash: string;
  timeCreated: string;
}

export interface FakeGcsServerOptions {
  /** Largest page a list request returns (GCS's own cap is 1000); lower it to exercise pagination. */
  maxPageSize?: number;
}

interface UploadSession {
  bucket: string;
  name: string;
  contentType: string;
  metadata: Record<string, string>;
  claimedHashes: Record<string, string>;
  chunks: Buffer[];
  received: number;
  done?: FakeGcsObject;
}

interface Route {
  method: string;
  path: RegExp;
  /** Query parameters the route understands; any other one is answered 501 rather than silently ignored. */
  query: string[];
  handle(req: IncomingMessage, params: Params): Promise<Reply> | Reply;
}

type Params = { bucket: string; object: string; query: URLSearchParams };
type Reply = { status: number; headers?: Record<string, string>; body?: Buffer | object };

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly reason: string,
  ) {
    super(message);
  }
}

/**
 * An in-memory stand-in for the GCS JSON API, good enough for the real @google-cloud/storage client:
 * multipart and resumable (single- or multi-chunk) uploads, object metadata, media download (with the crc32c/md5
 * headers the client validates), paginated prefix listing and delete. Unsupported requests get 501, never a guess.
 */
export class FakeGcsServer {
  /** `METHOD url` of every request received, in order. */
  readonly requests: string[] = [];
  private readonly buckets = new Map<string, Map<string, FakeGcsObject>>();
  private readonly uploads = new Map<string, UploadSession>();
  private nextGeneration = Date.now() * 1000;

  private constructor(
    private readonly server: Server,
    private readonly maxPageSize: number,
  ) {}

  /** Starts a server on a free port of 127.0.0.1. */
  static async start(options: FakeGcsServerOptions = {}): Promise<FakeGcsServer> {
    const server = createServer();
    const fake = new FakeGcsServer(server, options.maxPageSize ?? 1000);
    server.on('request', (req, res) => void fake.serve(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** Base URL to give the client as `apiEndpoint` (or GCS_API_ENDPOINT). */
  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Creates an empty bucket; requests to any other bucket get 404 like real GCS. */
  createBucket(name: string): void {
    if (!this.buckets.has(name)) this.buckets.set(name, new Map());
  }

  /** The stored object, or undefined. */
  getObject(bucket: string, name: string): FakeGcsObject | undefined {
    return this.buckets.get(bucket)?.get(name);
  }

  /** Replaces an object's bytes as an out-of-band overwrite would: checksums recomputed, custom metadata kept. */
  replaceData(bucket: string, name: string, data: Buffer): void {
    Object.assign(this.existing(bucket, name), { data, ...checksums(data) });
  }

  /** Replaces an object's bytes but keeps the old checksums, as storage or transport corruption would. */
  corruptData(bucket: string, name: string, data: Buffer): void {
    this.existing(bucket, name).data = data;
  }

  /** Stops the server, dropping open keep-alive connections. */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((err) => (err ? reject(err) : resolve())));
  }

  private readonly routes: Route[] = [
    { method: 'POST', path: /^\/upload\/storage\/v1\/b\/([^/]+)\/o$/, query: ['uploadType', 'name'], handle: (req, p) => this.startUpload(req, p) },
    { method: 'PUT', path: /^\/upload\/storage\/v1\/b\/([^/]+)\/o$/, query: ['uploadType', 'name', 'upload_id'], handle: (req, p) => this.putChunk(req, p) },
    { method: 'GET', path: /^\/storage\/v1\/b\/([^/]+)\/o$/, query: ['prefix', 'pageToken', 'maxResults'], handle: (_, p) => this.list(p) },
    { method: 'GET', path: /^\/storage\/v1\/b\/([^/]+)\/o\/(.+)$/, query: ['alt', 'generation'], handle: (_, p) => this.read(p) },
    { method: 'GET', path: /^\/download\/storage\/v1\/b\/([^/]+)\/o\/(.+)$/, query: ['alt', 'generation'], handle: (_, p) => this.read(p) },
    { method: 'DELETE', path: /^\/storage\/v1\/b\/([^/]+)\/o\/(.+)$/, query: ['generation'], handle: (_, p) => this.remove(p) },
  ];

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.requests.push(`${req.method} ${req.url}`);
    let reply: Reply;
    try {
      reply = await this.route(req);
    } catch (err) {
      const { status, reason } = err instanceof HttpError ? err : { status: 500, reason: 'backendError' };
      const message = (err as Error).message;
      reply = { status, body: { error: { code: status, message, errors: [{ message, domain: 'global', reason }] } } };
    }
    const body = reply.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(reply.body) ? reply.body : Buffer.from(JSON.stringify(reply.body));
    const contentType = reply.body === undefined || Buffer.isBuffer(reply.body) ? {} : { 'content-type': 'application/json; charset=UTF-8' };
    res.writeHead(reply.status, { ...contentType, ...reply.headers, 'content-length': String(body.length) });
    res.end(body);
  }

  private async route(req: IncomingMessage): Promise<Reply> {
    const url = new URL(req.url ?? '/', this.endpoint);
    const route = this.routes.find((r) => r.method === req.method && r.path.test(url.pathname));
    if (!route) throw new HttpError(501, `fake GCS server does not implement ${req.method} ${url.pathname}`, 'notImplemented');
    const unsupported = [...url.searchParams.keys()].filter((name) => !route.query.includes(name));
    if (unsupported.length) throw new HttpError(501, `fake GCS server does not support query parameter(s) ${unsupported.join(', ')} on ${req.method} ${url.pathname}`, 'notImplemented');
    const [, bucket, object = ''] = route.path.exec(url.pathname) ?? [];
    if (!this.buckets.has(bucket)) throw new HttpError(404, 'The specified bucket does not exist.', 'notFound');
    return route.handle(req, { bucket, object: decodeURIComponent(object), query: url.searchParams });
  }

  /** POST upload: a whole multipart upload, or the start of a resumable session. */
  private async startUpload(req: IncomingMessage, { bucket, query }: Params): Promise<Reply> {
    const body = await readBody(req);
    const uploadType = query.get('uploadType');
    if (uploadType === 'multipart') {
      const [meta, media, ...extra] = parseMultipartRelated(body, req.headers['content-type'] ?? '');
      if (!meta || !media || extra.length) throw new HttpError(400, 'multipart upload needs exactly a metadata part and a media part', 'invalid');
      const resource = parseResource(meta.body);
      const name = objectName(query, resource);
      const object = this.store(bucket, name, media.body, resource.contentType ?? media.headers['content-type'], resource, hashClaims(resource));
      return { status: 200, body: this.resource(bucket, object) };
    }
    if (uploadType === 'resumable') {
      const resource = body.length ? parseResource(body) : {};
      const id = randomUUID();
      const contentType = resource.contentType ?? header(req, 'x-upload-content-type');
      this.uploads.set(id, {
        bucket,
        name: objectName(query, resource),
        contentType: contentType ?? '',
        metadata: resource.metadata ?? {},
        claimedHashes: hashClaims(resource),
        chunks: [],
        received: 0,
      });
      const location = `${this.endpoint}/upload/storage/v1/b/${bucket}/o?uploadType=resumable&upload_id=${id}`;
      return { status: 200, headers: { location } };
    }
    throw new HttpError(501, `fake GCS server does not implement uploadType=${uploadType}`, 'notImplemented');
  }

  /** PUT to a resumable session: a chunk (Content-Range `bytes a-b/total`; an end of `*` means "through the end of this request"), or a status query (range `*`, no body). */
  private async putChunk(req: IncomingMessage, { bucket, query }: Params): Promise<Reply> {
    const session = this.uploads.get(query.get('upload_id') ?? '');
    if (!session || session.bucket !== bucket) throw new HttpError(404, 'No such upload session.', 'notFound');
    const body = await readBody(req);
    const range = /^bytes (?:(\d+)-(\d+|\*)|\*)\/(\d+|\*)$/.exec(header(req, 'content-range') ?? `bytes 0-*/${body.length}`);
    if (!range) throw new HttpError(400, `malformed Content-Range ${header(req, 'content-range')}`, 'invalid');
    const [, start, end, totalText] = range;
    if (start !== undefined && !session.done) {
      if (Number(start) !== session.received) throw new HttpError(400, `chunk starts at ${start} but ${session.received} bytes were persisted`, 'invalid');
      if (end !== '*' && Number(end) - Number(start) + 1 !== body.length) throw new HttpError(400, `Content-Range ${start}-${end} does not match a ${body.length}-byte body`, 'invalid');
      session.chunks.push(body);
      session.received += body.length;
    }
    // `a-*` ends the object with this request; otherwise it is complete once the declared total has arrived.
    const total = end === '*' ? session.received : totalText === '*' ? undefined : Number(totalText);
    if (total !== undefined && session.received > total) throw new HttpError(400, `received ${session.received} bytes for a ${total}-byte object`, 'invalid');
    if (!session.done && total === session.received && start !== undefined) {
      const claims = { ...session.claimedHashes, ...parseGoogHash(header(req, 'x-goog-hash')) };
      session.done = this.store(bucket, session.name, Buffer.concat(session.chunks), session.contentType, { metadata: session.metadata }, claims);
    }
    if (session.done) return { status: 200, body: this.resource(bucket, session.done) };
    return { status: 308, headers: session.received > 0 ? { range: `bytes=0-${session.received - 1}` } : {} };
  }

  private list({ bucket, query }: Params): Reply {
    const prefix = query.get('prefix') ?? '';
    const after = query.has('pageToken') ? Buffer.from(query.get('pageToken') ?? '', 'base64url').toString() : undefined;
    const pageSize = Math.min(Number(query.get('maxResults') ?? this.maxPageSize), this.maxPageSize);
    const names = [...(this.buckets.get(bucket)?.keys() ?? [])].filter((name) => name.startsWith(prefix) && (after === undefined || byteOrder(name, after) > 0)).sort(byteOrder);
    const page = names.slice(0, pageSize);
    const items = page.map((name) => this.resource(bucket, this.existing(bucket, name)));
    const nextPageToken = names.length > pageSize ? Buffer.from(page[page.length - 1]).toString('base64url') : undefined;
    return { status: 200, body: { kind: 'storage#objects', ...(items.length ? { items } : {}), ...(nextPageToken ? { nextPageToken } : {}) } };
  }

  private read({ bucket, object, query }: Params): Reply {
    const stored = this.existingGeneration(bucket, object, query.get('generation'));
    const alt = query.get('alt') ?? 'json';
    if (alt === 'json') return { status: 200, body: this.resource(bucket, stored) };
    if (alt !== 'media') throw new HttpError(400, `unsupported alt=${alt}`, 'invalid');
    return {
      status: 200,
      headers: {
        'content-type': stored.contentType,
        'x-goog-hash': `crc32c=${stored.crc32c},md5=${stored.md5Hash}`,
        'x-goog-generation': String(stored.generation),
        'x-goog-metageneration': '1',
        'x-goog-stored-content-encoding': 'identity',
        'x-goog-stored-content-length': String(stored.data.length),
      },
      body: stored.data,
    };
  }

  private remove({ bucket, object, query }: Params): Reply {
    this.existingGeneration(bucket, object, query.get('generation'));
    this.buckets.get(bucket)?.delete(object);
    return { status: 204 };
  }

  private store(bucket: string, name: string, data: Buffer, contentType: string | undefined, resource: ObjectResource, claims: Record<string, string>): FakeGcsObject {
    const actual = checksums(data);
    for (const [kind, claimed] of Object.entries(claims)) {
      const computed = kind === 'crc32c' ? actual.crc32c : actual.md5Hash;
      if (claimed !== computed) throw new HttpError(400, `Provided ${kind} "${claimed}" doesn't match calculated ${kind} "${computed}".`, 'invalid');
    }
    const object: FakeGcsObject = {
      name,
      data,
      contentType: contentType || 'application/octet-stream',
      metadata: resource.metadata ?? {},
      generation: this.nextGeneration++,
      ...actual,
      timeCreated: new Date().toISOString(),
    };
    this.buckets.get(bucket)?.set(name, object);
    return object;
  }

  /** The object resource JSON that GCS returns for `object`. */
  private resource(bucket: string, object: FakeGcsObject): object {
    const path = `b/${bucket}/o/${encodeURIComponent(object.name)}`;
    return {
      kind: 'storage#object',
      id: `${bucket}/${object.name}/${object.generation}`,
      selfLink: `${this.endpoint}/storage/v1/${path}`,
      mediaLink: `${this.endpoint}/download/storage/v1/${path}?generation=${object.generation}&alt=media`,
      name: object.name,
      bucket,
      generation: String(object.generation),
      metageneration: '1',
      contentType: object.contentType,
      storageClass: 'STANDARD',
      size: String(object.data.length),
      md5Hash: object.md5Hash,
      crc32c: object.crc32c,
      timeCreated: object.timeCreated,
      updated: object.timeCreated,
      ...(Object.keys(object.metadata).length ? { metadata: object.metadata } : {}),
    };
  }

  private existing(bucket: string, name: string): FakeGcsObject {
    const object = this.getObject(bucket, name);
    if (!object) throw new HttpError(404, `No such object: ${bucket}/${name}`, 'notFound');
    return object;
  }

  private existingGeneration(bucket: string, name: string, generation: string | null): FakeGcsObject {
    const object = this.existing(bucket, name);
    if (generation !== null && String(object.generation) !== generation) throw new HttpError(404, `No such object: ${bucket}/${name}#${generation}`, 'notFound');
    return object;
  }
}

/** The fields of an object resource an upload may set. */
interface ObjectResource {
  name?: string;
  contentType?: string;
  metadata?: Record<string, string>;
  crc32c?: string;
  md5Hash?: string;
}

function parseResource(json: Buffer): ObjectResource {
  try {
    return JSON.parse(json.toString('utf8')) as ObjectResource;
  } catch {
    throw new HttpError(400, 'object metadata is not valid JSON', 'parseError');
  }
}

function objectName(query: URLSearchParams, resource: ObjectResource): string {
  const name = query.get('name') ?? resource.name;
  if (!name) throw new HttpError(400, 'Required parameter: name', 'required');
  return name;
}

/** Checksums an upload claims in its metadata, which GCS verifies. */
function hashClaims(resource: ObjectResource): Record<string, string> {
  return { ...(resource.crc32c ? { crc32c: resource.crc32c } : {}), ...(resource.md5Hash ? { md5: resource.md5Hash } : {}) };
}

/** `X-Goog-Hash: crc32c=...,md5=...` as a map. */
function parseGoogHash(value: string | undefined): Record<string, string> {
  const pairs = (value ?? '').split(',').filter(Boolean);
  return Object.fromEntries(pairs.map((pair) => [pair.slice(0, pair.indexOf('=')).trim(), pair.slice(pair.indexOf('=') + 1).trim()]));
}

function checksums(data: Buffer): { crc32c: string; md5Hash: string } {
  return { crc32c: crc32cBase64(data), md5Hash: createHash('md5').update(data).digest('base64') };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** GCS orders names by their UTF-8 bytes. */
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
