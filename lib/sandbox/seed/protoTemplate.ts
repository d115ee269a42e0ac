// A stored protobuf message as a template of itself: its bytes, with the parts that differ from one
// replayed run to the next (Timestamps, closure durations, strings naming the run) kept as values to
// render again. Parsed once per prototype row by the message's schema; rendering copies the constant
// bytes and re-encodes only those parts (and the lengths of the messages around them), which is what
// lets bulk history copy a prototype run's rows for thousands of runs without a decode/encode per row.
import { ScalarType, type DescField, type DescMessage } from "@bufbuild/protobuf";

type Part =
  | Uint8Array
  | { kind: "timestamp"; tag: Uint8Array; ms: number }
  // A closure's duration: from its start (startedAt, else createdAt) to its end, moved as both are.
  | { kind: "duration"; tag: Uint8Array; ms: number; startMs: number }
  | { kind: "string"; tag: Uint8Array; value: string }
  | { kind: "message"; tag: Uint8Array; parts: Part[] };

export interface ProtoTemplate {
  parts: Part[];
}

export interface RenderOptions {
  /** Where a time (epoch ms) of the prototype falls in the replayed run. */
  at: (ms: number) => number;
  /** A string of the prototype (one holding a mark, or an ISO time) as the replayed run has it. */
  text: (value: string) => string;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;
const TIMESTAMP = "google.protobuf.Timestamp";
const DURATION = "google.protobuf.Duration";
const utf8 = new TextDecoder();
const encoder = new TextEncoder();

/** Whether a string of a stored message changes between runs: it names the run (a mark) or is a time. */
const isVariable = (value: string, marks: readonly string[]) => ISO_TIME.test(value) || marks.some((m) => value.includes(m));

interface Field {
  number: number;
  wireType: number;
  tag: Uint8Array;
  /** The field's value bytes (for length-delimited fields, without the length). */
  start: number;
  end: number;
  /** The whole field, tag included. */
  from: number;
}

class Reader {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}
  varint(): number {
    let result = 0;
    let shift = 1;
    for (;;) {
      const b = this.bytes[this.pos++];
      if (b === undefined) throw new Error("truncated protobuf varint");
      result += (b & 0x7f) * shift;
      if (b < 0x80) return result;
      shift *= 128;
    }
  }
}

function fieldsOf(bytes: Uint8Array): Field[] {
  const r = new Reader(bytes);
  const fields: Field[] = [];
  while (r.pos < bytes.length) {
    const from = r.pos;
    const key = r.varint();
    const tag = bytes.subarray(from, r.pos);
    const wireType = key & 7;
    let start = r.pos;
    switch (wireType) {
      case 0:
        r.varint();
        break;
      case 1:
        r.pos += 8;
        break;
      case 2: {
        const len = r.varint();
        start = r.pos;
        r.pos += len;
        break;
      }
      case 5:
        r.pos += 4;
        break;
      default:
        throw new Error(`unsupported protobuf wire type ${wireType}`);
    }
    if (r.pos > bytes.length) throw new Error("truncated protobuf field");
    fields.push({ number: Math.floor(key / 8), wireType, tag, start, end: r.pos, from });
  }
  return fields;
}

/** Epoch ms of an encoded Timestamp (or Duration): seconds = 1, nanos = 2. */
function msOfEncoded(bytes: Uint8Array): number {
  let seconds = 0;
  let nanos = 0;
  for (const f of fieldsOf(bytes)) {
    if (f.wireType !== 0) continue;
    const v = new Reader(bytes.subarray(f.from + f.tag.length, f.end)).varint();
    if (f.number === 1) seconds = v;
    if (f.number === 2) nanos = v;
  }
  return seconds * 1000 + Math.floor(nanos / 1e6);
}

/** The part for one length-delimited value of `field`, or undefined when it is constant. */
function variablePart(field: DescField, f: Field, bytes: Uint8Array, marks: readonly string[], startMs: number | undefined): Part | undefined {
  const value = bytes.subarray(f.start, f.end);
  const isString =
    (field.fieldKind === "scalar" || field.fieldKind === "list") && field.scalar === ScalarType.STRING;
  if (isString) {
    const s = utf8.decode(value);
    return isVariable(s, marks) ? { kind: "string", tag: f.tag, value: s } : undefined;
  }
  if (field.fieldKind === "map") {
    const entry = compileEntry(field, value, marks);
    return entry.length === 1 && entry[0] instanceof Uint8Array ? undefined : { kind: "message", tag: f.tag, parts: entry };
  }
  const message = field.fieldKind === "message" || (field.fieldKind === "list" && field.listKind === "message") ? field.message : undefined;
  if (!message) return undefined;
  if (message.typeName === TIMESTAMP) return { kind: "timestamp", tag: f.tag, ms: msOfEncoded(value) };
  if (message.typeName === DURATION && field.localName === "duration" && startMs !== undefined) {
    return { kind: "duration", tag: f.tag, ms: msOfEncoded(value), startMs };
  }
  const parts = compileParts(message, value, marks);
  return parts.length === 1 && parts[0] instanceof Uint8Array ? undefined : { kind: "message", tag: f.tag, parts };
}

/** A map entry: key = 1, value = 2. */
function compileEntry(field: DescField & { fieldKind: "map" }, bytes: Uint8Array, marks: readonly string[]): Part[] {
  const parts: Part[] = [];
  for (const f of fieldsOf(bytes)) {
    let part: Part | undefined;
    if (f.wireType === 2 && f.number === 1 && field.mapKey === ScalarType.STRING) {
      const s = utf8.decode(bytes.subarray(f.start, f.end));
      if (isVariable(s, marks)) part = { kind: "string", tag: f.tag, value: s };
    } else if (f.wireType === 2 && f.number === 2) {
      if (field.mapKind === "message") {
        const inner = field.message.typeName === TIMESTAMP ? undefined : compileParts(field.message, bytes.subarray(f.start, f.end), marks);
        if (field.message.typeName === TIMESTAMP) part = { kind: "timestamp", tag: f.tag, ms: msOfEncoded(bytes.subarray(f.start, f.end)) };
        else if (inner && !(inner.length === 1 && inner[0] instanceof Uint8Array)) part = { kind: "message", tag: f.tag, parts: inner };
      } else if (field.mapKind === "scalar" && field.scalar === ScalarType.STRING) {
        const s = utf8.decode(bytes.subarray(f.start, f.end));
        if (isVariable(s, marks)) part = { kind: "string", tag: f.tag, value: s };
      }
    }
    push(parts, part ?? bytes.subarray(f.from, f.end));
  }
  return parts;
}

function push(parts: Part[], part: Part): void {
  const last = parts[parts.length - 1];
  if (part instanceof Uint8Array && last instanceof Uint8Array) {
    const joined = new Uint8Array(last.length + part.length);
    joined.set(last);
    joined.set(part, last.length);
    parts[parts.length - 1] = joined;
  } else parts.push(part);
}

function compileParts(schema: DescMessage, bytes: Uint8Array, marks: readonly string[]): Part[] {
  const fields = fieldsOf(bytes);
  const byNumber = new Map(schema.fields.map((f) => [f.number, f]));
  const timeOf = (name: string) => {
    const d = schema.fields.find((f) => f.localName === name);
    const f = d && fields.findLast((x) => x.number === d.number && x.wireType === 2);
    return f && msOfEncoded(bytes.subarray(f.start, f.end));
  };
  const startMs = schema.fields.some((f) => f.localName === "startedAt") ? (timeOf("startedAt") ?? timeOf("createdAt")) : undefined;
  const parts: Part[] = [];
  for (const f of fields) {
    const field = byNumber.get(f.number);
    const part = field && f.wireType === 2 ? variablePart(field, f, bytes, marks, startMs) : undefined;
    push(parts, part ?? bytes.subarray(f.from, f.end));
  }
  if (parts.length === 0) parts.push(new Uint8Array(0));
  return parts;
}

/** Parses an encoded message of `schema` once; strings holding any of `marks` are rendered by `text`. */
export function compileTemplate(schema: DescMessage, bytes: Uint8Array, marks: readonly string[]): ProtoTemplate {
  return { parts: compileParts(schema, bytes, marks) };
}

/** A growing scratch buffer the renders write into; one copy out per rendered message. */
class Writer {
  buf = new Uint8Array(64 * 1024);
  pos = 0;
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }
  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
  varint(n: number): void {
    this.ensure(10);
    while (n >= 0x80) {
      this.buf[this.pos++] = (n % 128) | 0x80;
      n = Math.floor(n / 128);
    }
    this.buf[this.pos++] = n;
  }
  /** Starts a length-delimited field: returns where its length goes, for `end`. */
  begin(tag: Uint8Array): number {
    this.bytes(tag);
    this.ensure(1);
    return this.pos++;
  }
  /** Ends the field `begin` started: writes its length, moving the body when the length takes more than a byte. */
  end(lengthAt: number): void {
    const length = this.pos - lengthAt - 1;
    if (length < 0x80) {
      this.buf[lengthAt] = length;
      return;
    }
    let size = 1;
    for (let n = length; n >= 0x80; n = Math.floor(n / 128)) size++;
    this.ensure(size - 1);
    this.buf.copyWithin(lengthAt + size, lengthAt + 1, this.pos);
    this.pos += size - 1;
    let at = lengthAt;
    let n = length;
    for (; n >= 0x80; n = Math.floor(n / 128)) this.buf[at++] = (n % 128) | 0x80;
    this.buf[at] = n;
  }
  /** seconds = 1, nanos = 2, each left out when 0 (as toBinary writes a Timestamp or Duration). */
  time(ms: number): void {
    const seconds = Math.floor(ms / 1000);
    const nanos = (ms - seconds * 1000) * 1_000_000;
    if (seconds) {
      this.ensure(1);
      this.buf[this.pos++] = 0x08;
      this.varint(seconds);
    }
    if (nanos) {
      this.ensure(1);
      this.buf[this.pos++] = 0x10;
      this.varint(nanos);
    }
  }
  string(s: string): void {
    this.ensure(s.length * 3);
    this.pos += encoder.encodeInto(s, this.buf.subarray(this.pos)).written;
  }
}

const writer = new Writer();

function renderParts(parts: Part[], o: RenderOptions, w: Writer): void {
  for (const p of parts) {
    if (p instanceof Uint8Array) {
      w.bytes(p);
      continue;
    }
    const at = w.begin(p.tag);
    if (p.kind === "timestamp") w.time(o.at(p.ms));
    else if (p.kind === "duration") w.time(Math.max(0, o.at(p.startMs + p.ms) - o.at(p.startMs)));
    else if (p.kind === "string") w.string(o.text(p.value));
    else renderParts(p.parts, o, w);
    w.end(at);
  }
}

/**
 * The template's message as the replayed run has it, encoded. The bytes stay valid until `startRendering`
 * is called again: render a row's messages, store the row, then start the next.
 */
export function renderTemplate(t: ProtoTemplate, o: RenderOptions): Buffer {
  const only = t.parts.length === 1 ? t.parts[0] : undefined;
  if (only instanceof Uint8Array) return Buffer.from(only.buffer, only.byteOffset, only.length);
  const start = writer.pos;
  renderParts(t.parts, o, writer);
  // A view, not a copy: a later render that outgrows the scratch moves on to a new one and leaves it as it is.
  return Buffer.from(writer.buf.buffer, writer.buf.byteOffset + start, writer.pos - start);
}

/** Lets renders reuse the scratch: the bytes rendered before are no longer needed. */
export function startRendering(): void {
  writer.pos = 0;
}
