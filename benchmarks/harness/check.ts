import type { Scenario } from './scenarios';

/** Sends the scenario's request once and says what is wrong with the answer, if anything. */
export async function checkOnce(port: number, scenario: Scenario): Promise<string | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}${scenario.path}`, {
      method: scenario.method,
      ...(scenario.body !== undefined
        ? { body: scenario.body, headers: { 'content-type': 'application/json' } }
        : {}),
    });
    const body = await response.text();
    if (response.status !== scenario.status)
      return `status ${response.status} instead of ${scenario.status}: ${body.slice(0, 300)}`;
    return scenario.check(body);
  } catch (error) {
    return `no answer: ${(error as Error).message}`;
  }
}
