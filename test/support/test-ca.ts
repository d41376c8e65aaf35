// Test support: a throwaway certificate authority made with node:crypto alone (no openssl CLI):
// a P-256 CA certificate, a server certificate for 127.0.0.1/localhost (and any other names
// asked for) and a client certificate (for mTLS) signed by it, all written as DER by hand
// (X.509 v3, ECDSA with SHA-256) and handed out as PEM.

import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

/** A CA and a server certificate it signed. */
export interface TestPki {
  /** The CA certificate, PEM (what `--cacert` gets). */
  readonly caPem: string;
  /** The server's certificate and private key, PEM (for https.createServer). */
  readonly certPem: string;
  readonly keyPem: string;
  /** A client certificate (extKeyUsage clientAuth) and its key, PEM (what `--cert`/`--key` get). */
  readonly clientCertPem: string;
  readonly clientKeyPem: string;
}

/** Makes a fresh CA and a server certificate for 127.0.0.1, ::1, localhost and `dnsNames`, valid for a day. */
export function makeTestPki(dnsNames: readonly string[] = []): TestPki {
  const ca = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const server = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const client = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const caName = name('cluster-top test CA');
  const caSpki = spki(ca.publicKey);
  const caDer = certificate({
    issuer: caName,
    subject: caName,
    spki: caSpki,
    signer: ca.privateKey,
    extensions: [
      extension('2.5.29.19', true, seq(bool(true))), // basicConstraints: CA
      extension('2.5.29.15', true, bitString(Buffer.from([0x06]), 1)), // keyUsage: keyCertSign, cRLSign
      extension('2.5.29.14', false, octets(keyId(caSpki))), // subjectKeyIdentifier
    ],
  });
  const leafDer = certificate({
    issuer: caName,
    subject: name('127.0.0.1'),
    spki: spki(server.publicKey),
    signer: ca.privateKey,
    extensions: [
      extension('2.5.29.19', true, seq()), // basicConstraints: not a CA
      extension('2.5.29.15', true, bitString(Buffer.from([0x80]), 7)), // keyUsage: digitalSignature
      extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'))), // extKeyUsage: serverAuth
      extension('2.5.29.35', false, seq(tlv(0x80, keyId(caSpki)))), // authorityKeyIdentifier
      extension('2.5.29.17', false, seq(tlv(0x87, Buffer.from([127, 0, 0, 1])), tlv(0x87, Buffer.from([...Array(15).fill(0), 1])), ...['localhost', ...dnsNames].map((n) => tlv(0x82, Buffer.from(n))))),
    ],
  });
  const clientDer = certificate({
    issuer: caName,
    subject: name('cluster-top test client'),
    spki: spki(client.publicKey),
    signer: ca.privateKey,
    extensions: [
      extension('2.5.29.19', true, seq()), // basicConstraints: not a CA
      extension('2.5.29.15', true, bitString(Buffer.from([0x80]), 7)), // keyUsage: digitalSignature
      extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.2'))), // extKeyUsage: clientAuth
      extension('2.5.29.35', false, seq(tlv(0x80, keyId(caSpki)))), // authorityKeyIdentifier
    ],
  });
  return {
    caPem: pem('CERTIFICATE', caDer),
    certPem: pem('CERTIFICATE', leafDer),
    keyPem: server.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    clientCertPem: pem('CERTIFICATE', clientDer),
    clientKeyPem: client.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

interface CertificateFields {
  readonly issuer: Buffer;
  readonly subject: Buffer;
  readonly spki: Buffer;
  readonly signer: KeyObject;
  readonly extensions: readonly Buffer[];
}

const ECDSA_SHA256 = seq(oid('1.2.840.10045.4.3.2'));

function certificate(fields: CertificateFields): Buffer {
  const serial = randomBytes(12);
  serial[0] = (serial[0] % 0x7f) + 1; // positive, and DER's minimal form: no leading zero byte
  const now = Date.now();
  const tbs = seq(
    tlv(0xa0, integer(Buffer.from([2]))), // v3
    integer(serial),
    ECDSA_SHA256,
    fields.issuer,
    seq(utcTime(new Date(now - 3_600_000)), utcTime(new Date(now + 86_400_000))),
    fields.subject,
    fields.spki,
    tlv(0xa3, seq(...fields.extensions)),
  );
  const signature = sign('sha256', tbs, fields.signer); // DER-encoded ECDSA signature
  return seq(tbs, ECDSA_SHA256, bitString(signature, 0));
}

function spki(key: KeyObject): Buffer {
  return key.export({ type: 'spki', format: 'der' });
}

/** SHA-1 of the subjectPublicKey bits, as RFC 5280 §4.2.1.2 suggests. */
function keyId(spkiDer: Buffer): Buffer {
  // The SPKI is SEQUENCE { algorithm, BIT STRING }: hash the BIT STRING's content past its unused-bits byte.
  const bits = spkiDer.subarray(spkiDer.length - 66 + 1);
  return createHash('sha1').update(bits).digest();
}

function name(commonName: string): Buffer {
  return seq(tlv(0x31, seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from(commonName, 'utf8')))));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return critical ? seq(oid(id), bool(true), octets(value)) : seq(oid(id), octets(value));
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

function seq(...items: Buffer[]): Buffer {
  return tlv(0x30, Buffer.concat(items));
}

function integer(bytes: Buffer): Buffer {
  return tlv(0x02, bytes[0] !== undefined && bytes[0] >= 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

function bool(value: boolean): Buffer {
  return tlv(0x01, Buffer.from([value ? 0xff : 0]));
}

function octets(content: Buffer): Buffer {
  return tlv(0x04, content);
}

function bitString(content: Buffer, unusedBits: number): Buffer {
  return tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), content]));
}

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [a * 40 + b];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let v = arc >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function utcTime(date: Date): Buffer {
  const text = date.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
  return tlv(0x17, Buffer.from(text, 'ascii'));
}
