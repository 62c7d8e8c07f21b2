import type { ProfileAnalysis } from './cpu-profile';
import { formatRatio } from './stats';

/** CPU per unit of work (a request, or one boot) of Tenon and a peer, by owner and by function. */
export interface ProfileComparison {
  peer: string;
  unit: string;
  /** µs (per request) or ms (per boot) of busy CPU. */
  tenonCost: number;
  peerCost: number;
  owners: { owner: string; tenon: number; peer: number; extra: number }[];
  frames: { name: string; location: string; owner: string; tenon: number; peer: number; extra: number }[];
}

/**
 * Divides each profile's self time by the work done in its window, then subtracts: what Tenon
 * spends per request that the peer does not, and in which package and function.
 */
export function compareProfiles(
  tenon: { analysis: ProfileAnalysis; units: number },
  peer: { analysis: ProfileAnalysis; units: number; label: string },
  unit: { name: string; msPerUnit: number },
): ProfileComparison {
  const scale = (ms: number, units: number) => ms / units / unit.msPerUnit;
  const owners = new Map<string, { tenon: number; peer: number }>();
  for (const o of tenon.analysis.owners)
    owners.set(o.owner, { tenon: scale(o.selfMs, tenon.units), peer: 0 });
  for (const o of peer.analysis.owners) {
    const entry = owners.get(o.owner) ?? { tenon: 0, peer: 0 };
    entry.peer = scale(o.selfMs, peer.units);
    owners.set(o.owner, entry);
  }
  const frames = new Map<
    string,
    { name: string; location: string; owner: string; tenon: number; peer: number }
  >();
  for (const f of tenon.analysis.frames)
    frames.set(f.key, {
      name: f.name,
      location: f.location,
      owner: f.owner,
      tenon: scale(f.selfMs, tenon.units),
      peer: 0,
    });
  for (const f of peer.analysis.frames) {
    const entry = frames.get(f.key) ?? {
      name: f.name,
      location: f.location,
      owner: f.owner,
      tenon: 0,
      peer: 0,
    };
    entry.peer = scale(f.selfMs, peer.units);
    frames.set(f.key, entry);
  }
  return {
    peer: peer.label,
    unit: unit.name,
    tenonCost: scale(tenon.analysis.busyMs, tenon.units),
    peerCost: scale(peer.analysis.busyMs, peer.units),
    owners: [...owners]
      .map(([owner, v]) => ({ owner, ...v, extra: v.tenon - v.peer }))
      .sort((a, b) => b.extra - a.extra),
    frames: [...frames.values()]
      .map((v) => ({ ...v, extra: v.tenon - v.peer }))
      .sort((a, b) => b.extra - a.extra),
  };
}

function amount(value: number, unit: string): string {
  return `${value.toFixed(value >= 10 ? 0 : 1)} ${unit}`;
}

/** How busy each server was in the measured rounds (share of its core), when known. */
export interface Saturation {
  tenonCpu: number;
  peerCpu: number;
}

/**
 * A few sentences from the numbers: Tenon's CPU per unit of work against the peer's and against
 * what the target allows (`maxCostRatio`), where any extra goes, and whether the run was
 * limited by the servers at all.
 */
export function explainComparison(
  c: ProfileComparison,
  maxCostRatio: number,
  saturation?: Saturation,
  countedCostRatio?: number,
): string {
  const ratio = c.tenonCost / c.peerCost;
  const extra = c.tenonCost - c.peerCost;
  let text =
    `Tenon spends ${amount(c.tenonCost, c.unit)} of CPU against ${amount(c.peerCost, c.unit)} for ${c.peer} ` +
    `(${formatRatio(ratio)}x; the target allows ${formatRatio(maxCostRatio)}x)`;
  if (extra > 0) {
    const owners = c.owners
      .filter((o) => o.extra > 0)
      .slice(0, 3)
      .map((o) => `${o.owner} +${amount(o.extra, c.unit)}`);
    const frames = c.frames
      .filter(
        (f) => f.extra > 0 && f.owner !== 'GC' && !f.owner.startsWith('V8') && !f.owner.startsWith('native'),
      )
      .slice(0, 3)
      .map((f) => `\`${f.name}\` (${f.location}, +${amount(f.extra, c.unit)})`);
    text +=
      `; the extra ${amount(extra, c.unit)} is mostly ${owners.join(', ')}` +
      (frames.length ? `, led by ${frames.join(', ')}` : '') +
      '.';
  } else {
    const total = c.owners.reduce((sum, o) => sum + o.tenon, 0);
    const top = [...c.owners]
      .sort((a, b) => b.tenon - a.tenon)
      .slice(0, 4)
      .map((o) => `${o.owner} ${((o.tenon / total) * 100).toFixed(0)}%`);
    text += `. Tenon's time goes to ${top.join(', ')}.`;
  }
  if (ratio <= maxCostRatio && countedCostRatio !== undefined && countedCostRatio > maxCostRatio) {
    // The sampling profiler's own cost lands unequally on two servers: the counted rounds, which
    // ran without it, are the measurement; the profile only says where the time goes.
    text +=
      ` The profiled figure meets the target, but the counted rounds, run without the profiler, give Tenon ` +
      `${formatRatio(countedCostRatio)}x ${c.peer}'s CPU per request: read this breakdown for where the time goes, ` +
      'not for whether the target is met.';
  } else if (ratio <= maxCostRatio) {
    text +=
      " Per request the CPU cost meets the target: the req/s miss comes from how the run went, not from Tenon's code.";
  }
  if (saturation && Math.min(saturation.tenonCpu, saturation.peerCpu) < 85) {
    text +=
      ` In those rounds the servers used ${saturation.tenonCpu.toFixed(0)}% (Tenon) and ${saturation.peerCpu.toFixed(0)}% ` +
      `(${c.peer}) of their core: not saturated, so req/s also reflects the load generator and the other work on the ` +
      'machine; the per-CPU-second ratio is the steadier figure.';
  }
  return text;
}
