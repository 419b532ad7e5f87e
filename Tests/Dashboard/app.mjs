// Runs the real Client.Api (embedded silo, seeded demo market) on free loopback ports for the end-to-end tests,
// and always stops it: on stop(), and on this process's exit however it happens.

import { execFile, spawn } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
export const outputDir = path.join(here, 'output');
const projectDir = path.resolve(here, '..', '..', 'Client.Api');
const configuration = process.env.LEADRECS_CONFIGURATION ?? 'Release';
const HEALTH_TIMEOUT_MS = 150_000;

/** Distinct free loopback ports: all are held open together, so no two are the same. */
export async function freePorts(count) {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise((resolve, reject) => {
          const server = net.createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => server.address().port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/** Builds Client.Api unless the caller (test.sh) has just built the solution in this configuration. */
export async function buildApp() {
  if (process.env.LEADRECS_DASHBOARD_SKIP_BUILD === '1') {
    return;
  }
  try {
    await promisify(execFile)('dotnet', ['build', projectDir, '-c', configuration, '--nologo', '-v', 'q'], {
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    throw new Error(`dotnet build Client.Api failed:\n${error.stdout}\n${error.stderr}`);
  }
}

function appDll() {
  const bin = path.join(projectDir, 'bin', configuration);
  const framework = existsSync(bin) ? readdirSync(bin).find((d) => existsSync(path.join(bin, d, 'LeadRecs.Client.Api.dll'))) : null;
  if (!framework) {
    throw new Error(`No LeadRecs.Client.Api.dll under ${bin}: build Client.Api (-c ${configuration}) first.`);
  }
  return path.join(bin, framework, 'LeadRecs.Client.Api.dll');
}

const running = new Set();
const killAll = () => {
  for (const child of running) {
    child.kill('SIGKILL');
  }
};
process.on('exit', killAll);
// A signal would end this process without 'exit' handlers: stop the app first.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    killAll();
    process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
  });
}

/** Starts the app and resolves once GET /health answers 200: { url, stop() }. `settings`: extra environment. */
export async function startApp({ logFile = path.join(outputDir, 'app.log'), settings = {} } = {}) {
  const [httpPort, siloPort, gatewayPort] = await freePorts(3);
  const url = `http://127.0.0.1:${httpPort}`;
  const env = {
    ...process.env,
    ...settings,
    LeadRecs__Embedded__SiloPort: String(siloPort),
    LeadRecs__Embedded__GatewayPort: String(gatewayPort),
    DOTNET_CLI_TELEMETRY_OPTOUT: '1',
  };
  // Embedded mode is the point: no cluster connection may leak in from the environment.
  delete env.ConnectionStrings__Redis;
  delete env.ConnectionStrings__Postgres;
  // The project folder is the content root, as with `dotnet run`: wwwroot and appsettings.json are found there.
  const child = spawn('dotnet', [appDll(), '--urls', url], { cwd: projectDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const log = createWriteStream(logFile);
  const tail = [];
  const keep = (chunk) => {
    log.write(chunk);
    tail.push(...chunk.toString().split('\n'));
    tail.splice(0, Math.max(0, tail.length - 40));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  exited.then(() => {
    running.delete(child);
    log.end();
  });

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let early = null;
  exited.then((result) => (early = result));
  while (Date.now() < deadline) {
    if (early) {
      throw new Error(`Client.Api exited (${early.code ?? early.signal}) before it was healthy:\n${tail.join('\n')}`);
    }
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) {
        return { url, stop };
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop();
  throw new Error(`Client.Api was not healthy within ${HEALTH_TIMEOUT_MS / 1000} s:\n${tail.join('\n')}`);
}
