// Validates every manifest in k8s/ offline: each document against the Kubernetes schema of its kind
// (kubernetes-models), plus the cross-references a schema cannot see (secrets and config maps that exist,
// selectors that match pod labels, probes on declared ports, the keys the LeadRecs processes read).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";

const k8sDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "k8s");
const kustomization = yaml.load(readFileSync(join(k8sDir, "kustomization.yaml"), "utf8"));
const files = readdirSync(k8sDir).filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml").sort();
const docs = files.flatMap((file) =>
  yaml.loadAll(readFileSync(join(k8sDir, file), "utf8")).filter(Boolean).map((doc) => ({ file, doc })));

async function modelFor(apiVersion, kind) {
  const module = await import(`kubernetes-models/${apiVersion}`);
  assert.ok(module[kind], `kubernetes-models has no ${kind} in ${apiVersion}`);
  return module[kind];
}

const byKind = (kind) => docs.filter(({ doc }) => doc.kind === kind).map(({ doc }) => doc);
const podSpecs = () => docs
  .filter(({ doc }) => ["Deployment", "StatefulSet", "Job"].includes(doc.kind))
  .map(({ doc }) => ({ name: doc.metadata.name, kind: doc.kind, template: doc.spec.template }));

test("the kustomization lists exactly the manifests in k8s/", () => {
  assert.deepEqual([...kustomization.resources].sort(), files);
});

test("every document is valid against the Kubernetes schema of its kind", async () => {
  assert.ok(docs.length >= 15, `expected the whole deployment, found ${docs.length} documents`);
  for (const { file, doc } of docs) {
    const Model = await modelFor(doc.apiVersion, doc.kind);
    assert.doesNotThrow(() => new Model(doc).validate(), `${file}: ${doc.kind}/${doc.metadata?.name}`);
  }
});

test("the schema check can fail: a broken deployment is refused", async () => {
  const Model = await modelFor("apps/v1", "Deployment");
  const broken = structuredClone(byKind("Deployment")[0]);
  broken.spec.template.spec.containers[0].ports[0].containerPort = "eighty";
  assert.throws(() => new Model(broken).validate());
});

test("selectors match their pod labels", () => {
  for (const { doc } of docs.filter(({ doc }) => ["Deployment", "StatefulSet"].includes(doc.kind))) {
    for (const [key, value] of Object.entries(doc.spec.selector.matchLabels)) {
      assert.equal(doc.spec.template.metadata.labels[key], value, `${doc.metadata.name}: selector ${key}`);
    }
  }
  const podLabels = podSpecs().map((p) => p.template.metadata.labels);
  for (const doc of [...byKind("Service"), ...byKind("PodDisruptionBudget")]) {
    const selector = doc.spec.selector.matchLabels ?? doc.spec.selector;
    assert.ok(podLabels.some((labels) => Object.entries(selector).every(([k, v]) => labels[k] === v)),
      `${doc.kind}/${doc.metadata.name} selects no pods`);
  }
});

test("every referenced secret and config map key exists", () => {
  const secrets = Object.fromEntries(byKind("Secret").map((s) => [s.metadata.name, s.stringData ?? s.data]));
  const configs = Object.fromEntries(byKind("ConfigMap").map((c) => [c.metadata.name, c.data]));
  for (const { name, template } of podSpecs()) {
    for (const container of template.spec.containers) {
      for (const env of container.env ?? []) {
        const ref = env.valueFrom?.secretKeyRef;
        if (ref) {
          assert.ok(secrets[ref.name]?.[ref.key] !== undefined, `${name}: secret ${ref.name}/${ref.key}`);
        }
      }
      for (const from of container.envFrom ?? []) {
        if (from.secretRef) assert.ok(secrets[from.secretRef.name], `${name}: secret ${from.secretRef.name}`);
        if (from.configMapRef) assert.ok(configs[from.configMapRef.name], `${name}: config map ${from.configMapRef.name}`);
      }
    }
  }
});

test("silos and APIs get the configuration keys the processes read", () => {
  const secret = byKind("Secret")[0].stringData;
  const config = byKind("ConfigMap")[0].data;
  for (const key of ["ConnectionStrings__Redis", "ConnectionStrings__Postgres"]) assert.ok(secret[key], key);
  for (const key of ["LeadRecs__Cluster__ClusterId", "LeadRecs__Cluster__ServiceId", "ORLEANS_CLUSTER_ID", "ORLEANS_SERVICE_ID"]) {
    assert.ok(config[key], key);
  }
  assert.equal(config.ORLEANS_CLUSTER_ID, config.LeadRecs__Cluster__ClusterId, "one cluster id for Orleans hosting and LeadRecs");

  const silo = byKind("Deployment").find((d) => d.metadata.name === "leadrecs-silo");
  const env = silo.spec.template.spec.containers[0].env.map((e) => e.name);
  for (const name of ["POD_NAME", "POD_NAMESPACE", "POD_IP"]) assert.ok(env.includes(name), name);
  assert.equal(silo.spec.template.metadata.labels["orleans/clusterId"], config.ORLEANS_CLUSTER_ID);
  assert.equal(silo.spec.template.metadata.labels["orleans/serviceId"], config.ORLEANS_SERVICE_ID);
  assert.ok(silo.spec.template.spec.terminationGracePeriodSeconds >= 45, "time to deactivate grains (ShutdownTimeout 45 s)");
  assert.equal(silo.spec.template.spec.serviceAccountName, byKind("ServiceAccount")[0].metadata.name);
});

test("LeadRecs containers probe /health for readiness and /alive for liveness on a declared port, with resources", () => {
  for (const { name, template } of podSpecs().filter((p) => p.name.startsWith("leadrecs-") && p.kind === "Deployment")) {
    const container = template.spec.containers[0];
    const ports = container.ports.map((p) => p.name);
    assert.equal(container.readinessProbe.httpGet.path, "/health", name);
    assert.equal(container.livenessProbe.httpGet.path, "/alive", name);
    assert.ok(ports.includes(container.readinessProbe.httpGet.port), `${name}: readiness port`);
    assert.ok(container.resources.requests && container.resources.limits, `${name}: resources`);
    assert.equal(template.metadata.annotations["prometheus.io/scrape"], "true", `${name}: scrape annotation`);
  }
});

test("the API scales and stays available through disruptions", () => {
  const hpa = byKind("HorizontalPodAutoscaler")[0];
  assert.equal(hpa.spec.scaleTargetRef.name, "leadrecs-api");
  assert.ok(hpa.spec.minReplicas >= 2);
  assert.equal(byKind("Service").find((s) => s.metadata.name === "leadrecs-api").spec.type, "LoadBalancer");
  assert.equal(byKind("PodDisruptionBudget").length, 2);
  const job = byKind("Job")[0];
  assert.deepEqual(job.spec.template.spec.containers[0].command.slice(-1), ["migrate"]);
});

test("Redis keeps the membership table across its restarts: a StatefulSet with a volume and an fsynced append-only file", () => {
  const redis = byKind("StatefulSet").find((s) => s.metadata.name === "redis");
  assert.ok(redis, "redis is a StatefulSet");
  assert.equal(byKind("Deployment").find((d) => d.metadata.name === "redis"), undefined, "not also a Deployment");
  const container = redis.spec.template.spec.containers[0];
  const args = container.args.join(" ");
  assert.match(args, /--appendonly yes/);
  assert.match(args, /--appendfsync everysec/);
  const dir = args.match(/--dir (\S+)/)?.[1];
  const claim = redis.spec.volumeClaimTemplates[0].metadata.name;
  assert.ok(container.volumeMounts.some((m) => m.name === claim && m.mountPath === dir), `the append-only file (${dir}) is on the claim`);
  assert.ok(byKind("Service").some((s) => s.metadata.name === redis.spec.serviceName), "its governing service exists");
});
