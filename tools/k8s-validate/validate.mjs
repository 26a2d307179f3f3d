#!/usr/bin/env node
// Validates rendered Kubernetes manifests (the output of `kubectl kustomize`) without a cluster:
//   * every object against the Kubernetes API's OpenAPI schema, through the validators kubernetes-models ships;
//   * no field the schema does not know (what `kubectl apply --validate=strict` would reject): the validators
//     read every property they know, so the object is wrapped in proxies that record what was read, and any
//     property nobody looked at is unknown (a misspelt `readinesProbe` is caught here, not in production);
//   * a few rules the API server enforces beyond the schema: object and container names, label syntax,
//     port names (IANA_SVC_NAME, at most 15 characters), environment variable names.
//
// Usage: node validate.mjs <file.yaml | -> [--json]
//   Exit 0 when every object is valid, 1 with one line per problem on stderr, 2 on a usage or YAML error.
//   --json prints the objects as one JSON array on stdout (for the tests, which have no YAML parser).
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

async function main() {
  const args = process.argv.slice(2);
  const json = args.includes("--json");
  const files = args.filter((a) => a !== "--json");
  if (files.length !== 1) {
    process.stderr.write("usage: node validate.mjs <file.yaml | -> [--json]\n");
    process.exit(2);
  }

  const text = readFileSync(files[0] === "-" ? 0 : files[0], "utf8");
  // YAML 1.1, as kubectl reads it (sigs.k8s.io/yaml): unquoted yes/no/on/off are booleans, 0440 is octal.
  const docs = parseAllDocuments(text, { version: "1.1" });
  const yamlErrors = docs.flatMap((d) => d.errors.map((e) => `YAML: ${e.message}`));
  if (yamlErrors.length > 0) {
    process.stderr.write(yamlErrors.join("\n") + "\n");
    process.exit(2);
  }

  const objects = docs.map((d) => d.toJS()).filter((o) => o !== null && o !== undefined);
  const problems = [];
  for (const object of objects) {
    const where = `${object?.kind ?? "?"}/${object?.metadata?.name ?? "?"}`;
    for (const message of await validate(object)) {
      problems.push(`${where}: ${message}`);
    }
  }

  if (objects.length === 0) {
    problems.push("no objects in the input");
  }

  if (problems.length > 0) {
    process.stderr.write(problems.join("\n") + "\n");
    process.exit(1);
  }

  if (json) {
    process.stdout.write(JSON.stringify(objects) + "\n");
  }

  process.stderr.write(`${objects.length} objects valid\n`);
}

async function validate(object) {
  if (typeof object !== "object" || Array.isArray(object)) {
    return ["not an object"];
  }

  const { apiVersion, kind } = object;
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    return ["apiVersion and kind are required"];
  }

  const model = await loadModel(apiVersion, kind);
  if (!model) {
    return [`no schema for ${apiVersion} ${kind} (a misspelt or removed API version?)`];
  }

  const messages = [];
  const tracker = new ReadTracker();
  const subject = asDecoded(object);
  try {
    // The model's validate() runs the schema's compiled validator on `this`.
    model.prototype.validate.call(tracker.wrap(subject));
  } catch (error) {
    const errors = error?.errors;
    if (Array.isArray(errors)) {
      for (const e of errors) {
        messages.push(`${e.instancePath || "/"} ${e.message}`);
      }
    } else {
      messages.push(String(error?.message ?? error));
    }
  }

  messages.push(...tracker.unknownFields(subject).map((path) => `${path}: unknown field`));

  messages.push(...apiServerRules(object));
  return messages;
}

async function loadModel(apiVersion, kind) {
  // "v1" is the core group; "apps/v1" is group "apps", version "v1"; each kind is its own module.
  if (!/^([a-z0-9.-]+\/)?v[0-9]+((alpha|beta)[0-9]+)?$/.test(apiVersion) || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) {
    return undefined;
  }

  try {
    const module = await import(`kubernetes-models/${apiVersion}/${kind}`);
    return module[kind];
  } catch {
    return undefined;
  }
}

/** Wraps an object graph in proxies that record which properties were read and which objects were enumerated. */
class ReadTracker {
  #proxies = new WeakMap();
  #read = new WeakMap();
  #enumerated = new WeakSet();

  wrap(value) {
    if (typeof value !== "object" || value === null) {
      return value;
    }

    let proxy = this.#proxies.get(value);
    if (proxy) {
      return proxy;
    }

    const tracker = this;
    this.#read.set(value, new Set());
    proxy = new Proxy(value, {
      get(target, key, receiver) {
        if (typeof key === "string") {
          tracker.#read.get(target).add(key);
        }

        return tracker.wrap(Reflect.get(target, key, receiver));
      },
      has(target, key) {
        if (typeof key === "string") {
          tracker.#read.get(target).add(key);
        }

        return Reflect.has(target, key);
      },
      ownKeys(target) {
        // A map (labels, annotations, resource quantities, ConfigMap data): any key is allowed.
        tracker.#enumerated.add(target);
        return Reflect.ownKeys(target);
      },
    });
    this.#proxies.set(value, proxy);
    return proxy;
  }

  unknownFields(value, path = "") {
    if (typeof value !== "object" || value === null) {
      return [];
    }

    if (Array.isArray(value)) {
      return value.flatMap((item, i) => this.unknownFields(item, `${path}/${i}`));
    }

    const read = this.#read.get(value);
    if (!read) {
      // The validator never reached this object: its parent was a free-form value.
      return [];
    }

    const unknown = [];
    for (const key of Object.keys(value)) {
      if (!this.#enumerated.has(value) && !read.has(key)) {
        unknown.push(`${path}/${key}`);
      } else {
        unknown.push(...this.unknownFields(value[key], `${path}/${key}`));
      }
    }

    return unknown;
  }
}

const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const labelName = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const envName = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

function apiServerRules(object) {
  const messages = [];
  const name = object.metadata?.name;
  if (typeof name !== "string" || name.length === 0) {
    messages.push("/metadata/name is required");
  } else if (name.length > 253 || !dns1123Subdomain.test(name)) {
    messages.push(`/metadata/name '${name}' is not a DNS-1123 subdomain`);
  } else if (["Service", "Namespace"].includes(object.kind) && (name.length > 63 || !dns1123Label.test(name))) {
    messages.push(`/metadata/name '${name}' is not a DNS-1123 label`);
  }

  const checkLabels = (labels, path) => {
    for (const [key, value] of Object.entries(labels ?? {})) {
      const [prefix, local] = key.includes("/") ? key.split("/", 2) : [undefined, key];
      if ((prefix !== undefined && !dns1123Subdomain.test(prefix)) || local.length > 63 || !labelName.test(local)) {
        messages.push(`${path}: label key '${key}' is invalid`);
      }

      if (typeof value !== "string" || value.length > 63 || (value.length > 0 && !labelName.test(value))) {
        messages.push(`${path}: label value '${value}' of '${key}' is invalid`);
      }
    }
  };
  checkLabels(object.metadata?.labels, "/metadata/labels");

  const template = podTemplate(object);
  if (template) {
    checkLabels(template.metadata?.labels, "/spec/template/metadata/labels");
    const spec = template.spec ?? {};
    const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
    const seenContainers = new Set();
    for (const container of containers) {
      const at = `container '${container.name}'`;
      if (!dns1123Label.test(container.name ?? "") || seenContainers.has(container.name)) {
        messages.push(`${at}: the name must be a unique DNS-1123 label`);
      }

      seenContainers.add(container.name);
      const seenPorts = new Set();
      for (const port of container.ports ?? []) {
        if (port.name === undefined) {
          continue;
        }

        if (port.name.length > 15 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(port.name) || !/[a-z]/.test(port.name) || port.name.includes("--")) {
          messages.push(`${at}: port name '${port.name}' is not an IANA_SVC_NAME (at most 15 lowercase letters, digits and '-')`);
        }

        if (seenPorts.has(port.name)) {
          messages.push(`${at}: port name '${port.name}' is repeated`);
        }

        seenPorts.add(port.name);
      }

      const seenEnv = new Set();
      for (const variable of container.env ?? []) {
        if (!envName.test(variable.name ?? "")) {
          messages.push(`${at}: environment variable name '${variable.name}' is invalid`);
        }

        if (seenEnv.has(variable.name)) {
          messages.push(`${at}: environment variable '${variable.name}' is set twice`);
        }

        seenEnv.add(variable.name);
        const sources = ["value" in variable, "valueFrom" in variable].filter(Boolean).length;
        if (sources !== 1) {
          messages.push(`${at}: environment variable '${variable.name}' needs exactly one of value and valueFrom`);
        }
      }

      const volumes = new Set((spec.volumes ?? []).map((v) => v.name));
      for (const mount of container.volumeMounts ?? []) {
        if (!volumes.has(mount.name)) {
          messages.push(`${at}: volumeMount '${mount.name}' names no volume of the pod`);
        }
      }
    }

    if (object.kind === "Job" && !["Never", "OnFailure"].includes(spec.restartPolicy)) {
      messages.push("a Job's restartPolicy must be Never or OnFailure");
    }

    const selector = object.spec?.selector?.matchLabels;
    if (object.kind !== "Job" && selector) {
      for (const [key, value] of Object.entries(selector)) {
        if (template.metadata?.labels?.[key] !== value) {
          messages.push(`/spec/selector does not match the template's labels (${key}=${value})`);
        }
      }
    }
  }

  return messages;
}

/**
 * kustomize wraps long base64 values of Secret data over several lines; the API server's decoder (Go's
 * encoding/base64) ignores line breaks, so the schema's "byte" format is checked on the value without them.
 */
function asDecoded(object) {
  if (object.kind !== "Secret" || typeof object.data !== "object" || object.data === null) {
    return object;
  }

  const data = Object.fromEntries(
    Object.entries(object.data).map(([key, value]) => [key, typeof value === "string" ? value.replace(/[\r\n]/g, "") : value]));
  return { ...object, data };
}

function podTemplate(object) {
  return ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"].includes(object.kind)
    ? object.spec?.template
    : undefined;
}

// Runs after every declaration below is initialised (classes are not hoisted).
await main();
