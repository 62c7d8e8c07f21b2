// autocannon ships no types; this declares the part of its programmatic API the load worker uses.
declare module 'autocannon' {
  interface AutocannonOptions {
    url: string;
    method?: string;
    connections?: number;
    pipelining?: number;
    duration?: number;
    timeout?: number;
    amount?: number;
    body?: string;
    headers?: Record<string, string>;
  }
  interface Histogram {
    average: number;
    total: number;
    p50: number;
    p99: number;
  }
  interface AutocannonResult {
    requests: Histogram;
    latency: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    statusCodeStats?: Record<string, { count: number }>;
  }
  function autocannon(options: AutocannonOptions): Promise<AutocannonResult>;
  export = autocannon;
}
