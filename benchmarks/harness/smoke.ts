import { APPS, type AppId } from './apps';
import { bootOnce, BOOT_FRAMEWORKS } from './boot-bench';
import { checkOnce } from './check';
import { SCENARIOS, type ScenarioGroup } from './scenarios';
import { startApps } from './throughput';

/**
 * `npm run bench:smoke`: every app answers every scenario once with the right status and body,
 * and every boot app boots. No figures: it proves the harness runs, nothing about speed.
 */
export async function runSmoke(groups: ScenarioGroup[]): Promise<boolean> {
  const apps: AppId[] = ['tenon', 'fastify', 'nest', 'nest-express'];
  const failures: string[] = [];
  let checks = 0;
  for (const group of groups) {
    const { servers, failed } = await startApps(apps, group);
    try {
      for (const [id, reason] of Object.entries(failed)) {
        checks++;
        console.log(`FAIL ${group} app — ${APPS[id as AppId].label} did not start: ${reason}`);
        failures.push(`${APPS[id as AppId].label} (${group}) did not start: ${reason}`);
      }
      for (const scenario of SCENARIOS.filter((s) => s.group === group)) {
        for (const [id, server] of servers) {
          checks++;
          const wrong = await checkOnce(server.port, scenario);
          console.log(
            `${wrong === undefined ? 'ok  ' : 'FAIL'} ${scenario.title} — ${APPS[id].label}${wrong ? `: ${wrong}` : ''}`,
          );
          if (wrong !== undefined) failures.push(`${scenario.title} — ${APPS[id].label}: ${wrong}`);
        }
      }
    } finally {
      for (const server of servers.values()) await server.stop();
    }
  }
  for (const framework of BOOT_FRAMEWORKS) {
    checks++;
    try {
      const sample = await bootOnce(framework, 10);
      console.log(
        `ok   boot of 10 modules — ${framework} (listening ${sample.listenAt.toFixed(0)} ms after start)`,
      );
    } catch (error) {
      const message = (error as Error).message.split('\n')[0];
      console.log(`FAIL boot of 10 modules — ${framework}: ${message}`);
      failures.push(`boot — ${framework}: ${message}`);
    }
  }
  console.log(`\n${checks - failures.length} of ${checks} checks passed.`);
  return failures.length === 0;
}
