import { readFileSync } from 'node:fs';

/** The parts of a V8 `.cpuprofile` (what `node --cpu-prof` writes) read here. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Frame {
  /** Function and location: the same function in two profiles has the same key. */
  key: string;
  name: string;
  location: string;
  owner: string;
  selfMs: number;
  /** Of the busy time. */
  share: number;
}

export interface OwnerShare {
  owner: string;
  selfMs: number;
  share: number;
}

export interface ProfileAnalysis {
  /** Sampled ms in the window, idle excluded. */
  busyMs: number;
  idleMs: number;
  /** Every function with self time, largest first. */
  frames: Frame[];
  /** Self time by owner (package, Node internals, GC...), largest first. */
  owners: OwnerShare[];
  /** True when no sample fell in the window and the whole profile was used. */
  wholeProfile: boolean;
}

/** Who a frame belongs to: a Tenon package, an npm package, Node itself, or V8's pseudo-frames. */
export function ownerOf(functionName: string, url: string): string {
  if (url === '') {
    if (functionName === '(garbage collector)') return 'GC';
    if (functionName === '(program)') return 'V8 (program)';
    return 'native (C++ and syscalls)';
  }
  if (url.startsWith('node:')) return 'Node internals';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + '/node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const tenon = /\/packages\/([^/]+)\//.exec(url);
  if (tenon) return `@tenon/${tenon[1]}`;
  if (url.includes('/benchmarks/')) return 'benchmark app';
  return 'other';
}

function shortLocation(url: string, line: number): string {
  if (url === '') return '';
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('/node_modules/');
  const short =
    nm >= 0 ? path.slice(nm + '/node_modules/'.length) : path.replace(/^.*?\/(packages|benchmarks)\//, '$1/');
  return `${short}:${line + 1}`;
}

/** A span of the monotonic clock (µs) both V8's profiler and `process.hrtime` use. */
export interface Window {
  fromUs: number;
  toUs: number;
}

/**
 * Self time per function over the samples taken inside `windows` (the load runs of one
 * scenario), so boot and the other scenarios are left out. No windows: the whole profile.
 */
export function analyzeProfile(file: string, windows: readonly Window[] = []): ProfileAnalysis {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const pick = (windowed: boolean) => {
    const self = new Map<string, { name: string; location: string; owner: string; us: number }>();
    let idle = 0;
    let busy = 0;
    let t = profile.startTime;
    for (let i = 0; i < profile.samples.length; i++) {
      t += profile.timeDeltas[i]!;
      const duration = profile.timeDeltas[i + 1] ?? 0;
      if (windowed && !windows.some((w) => t >= w.fromUs && t <= w.toUs)) continue;
      const frame = byId.get(profile.samples[i]!)!;
      if (frame.functionName === '(idle)') {
        idle += duration;
        continue;
      }
      busy += duration;
      const location = shortLocation(frame.url, frame.lineNumber);
      const key = `${frame.functionName}@${location}`;
      const entry = self.get(key) ?? {
        name: frame.functionName || '(anonymous)',
        location,
        owner: ownerOf(frame.functionName, frame.url),
        us: 0,
      };
      entry.us += duration;
      self.set(key, entry);
    }
    return { self, idle, busy };
  };
  const windowed = windows.length > 0;
  let picked = pick(windowed);
  let wholeProfile = !windowed;
  if (windowed && picked.busy === 0) {
    wholeProfile = true;
    picked = pick(false);
  }
  const { self, idle, busy } = picked;
  const frames = [...self]
    .sort((a, b) => b[1].us - a[1].us)
    .map(([key, f]) => ({
      key,
      name: f.name,
      location: f.location,
      owner: f.owner,
      selfMs: f.us / 1000,
      share: f.us / busy,
    }));
  const owners = new Map<string, number>();
  for (const f of self.values()) owners.set(f.owner, (owners.get(f.owner) ?? 0) + f.us);
  return {
    busyMs: busy / 1000,
    idleMs: idle / 1000,
    frames,
    owners: [...owners]
      .sort((a, b) => b[1] - a[1])
      .map(([owner, us]) => ({ owner, selfMs: us / 1000, share: us / busy })),
    wholeProfile,
  };
}
