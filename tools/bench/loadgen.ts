/**
 * A small loopback load generator, run as its own process by bench.ts: C keep-alive connections,
 * each sending requests back to back for S seconds. Reads its job (JSON) from the file named in
 * argv[2] and prints the result (JSON) on stdout.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';

export interface LoadRequest {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  body?: Record<string, unknown>;
  /** send the `version` the previous response of this request answered (optimistic locking) */
  versioned?: boolean;
}

export interface LoadJob {
  port: number;
  token: string | null;
  connections: number;
  seconds: number;
  requests: LoadRequest[];
  /** each connection keeps to its own request (requests[i % n]) instead of rotating */
  pinned?: boolean;
}

export interface LoadResult {
  count: number;
  errors: number;
  statuses: Record<string, number>;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  rps: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function send(agent: http.Agent, job: LoadJob, r: LoadRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const payload = r.body ? JSON.stringify(r.body) : undefined;
    const req = http.request(
      {
        host: '127.0.0.1',
        port: job.port,
        method: r.method,
        path: r.path,
        agent,
        headers: {
          ...(job.token ? { authorization: `Bearer ${job.token}` } : {}),
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.connections });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let rotate = 0;
  const start = performance.now();
  const end = start + job.seconds * 1000;
  const requests = job.requests.map((r) => ({ ...r, body: r.body ? { ...r.body } : undefined }));
  await Promise.all(
    Array.from({ length: job.connections }, async (_, i) => {
      while (performance.now() < end) {
        const r = job.pinned ? requests[i % requests.length] : requests[rotate++ % requests.length];
        if (!r) return;
        const t0 = performance.now();
        try {
          const res = await send(agent, job, r);
          latencies.push(performance.now() - t0);
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          if (res.status >= 400) errors++;
          if (r.versioned && r.body && res.status < 300) {
            const v: unknown = (JSON.parse(res.body) as { version?: unknown }).version;
            if (typeof v === 'number') r.body['version'] = v;
          }
        } catch {
          errors++;
        }
      }
    }),
  );
  agent.destroy();
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    count: latencies.length,
    errors,
    statuses,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    rps: latencies.length / seconds,
  };
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: loadgen.ts <job.json>');
  const job = JSON.parse(readFileSync(file, 'utf8')) as LoadJob;
  void runLoad(job).then((r) => process.stdout.write(JSON.stringify(r)));
}
