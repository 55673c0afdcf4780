// Peer benchmark, Kùzu's side: loads the CSV that bench_peers exported with kg's exporter into
// a fresh Kùzu database, runs the same queries with the same parameters, checks every result
// against kg's (from queries.json) and prints mean times. Exits 1 when any result differs.
// Usage: node bench_kuzu.mjs OUTDIR      (OUTDIR as given to bench_peers)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import kuzu from "kuzu";

const outdir = process.argv[2];
if (!outdir) {
  console.error("usage: node bench_kuzu.mjs OUTDIR");
  process.exit(2);
}
for (const file of ["nodes.csv", "relationships.csv", "queries.json"]) {
  if (!fs.existsSync(path.join(outdir, file))) {
    console.error(`bench_kuzu: ${path.join(outdir, file)} is missing (run bench_peers first)`);
    process.exit(2);
  }
}

// Splits one line of kg's CSV (RFC 4180 quoting; kg writes no newlines inside fields).
function csvFields(line) {
  const fields = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = "";
      i++;
      for (;;) {
        const quote = line.indexOf('"', i);
        if (quote < 0) throw new Error(`unterminated quote in CSV line: ${line}`);
        value += line.slice(i, quote);
        if (line[quote + 1] === '"') {
          value += '"';
          i = quote + 2;
        } else {
          i = quote + 2;  // past the quote and the comma
          break;
        }
      }
      fields.push(value);
    } else {
      const comma = line.indexOf(",", i);
      const end = comma < 0 ? line.length : comma;
      fields.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return fields;
}

function csvField(text) {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

async function* lines(file) {
  const input = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  for await (const line of input) if (line.length) yield line;
}

// Kùzu looks nodes up fast only by primary key, and kg's anchored queries look nodes up by
// name, which kg indexes: so the key here is the name, and relationships, which kg's CSV gives
// by numeric :ID, are rewritten to name the nodes they join. One relationship table per type,
// since a Kùzu relationship table is what a relationship type is in Cypher.
async function writeKuzuCsv(dir) {
  const nameOf = new Map();
  const nodesOut = fs.createWriteStream(path.join(dir, "nodes.csv"));
  let header = true;
  let nodeCount = 0;
  for await (const line of lines(path.join(outdir, "nodes.csv"))) {
    const [id, name, aliases, mentions, label] = csvFields(line);
    if (header) {
      if (id !== ":ID" || name !== "name") throw new Error(`unexpected nodes.csv header: ${line}`);
      header = false;
      continue;
    }
    if (nameOf.has(id)) throw new Error(`nodes.csv: id ${id} appears twice`);
    nameOf.set(id, name);
    const row = [name, id, aliases, mentions, label].map(csvField).join(",") + "\n";
    if (!nodesOut.write(row)) await new Promise((resolve) => nodesOut.once("drain", resolve));
    nodeCount++;
  }
  await new Promise((resolve) => nodesOut.end(resolve));

  const relOut = new Map();  // type -> write stream
  header = true;
  let relCount = 0;
  for await (const line of lines(path.join(outdir, "relationships.csv"))) {
    const [from, to, type, count, confidence] = csvFields(line);
    if (header) {
      if (from !== ":START_ID" || type !== ":TYPE") throw new Error(`unexpected header: ${line}`);
      header = false;
      continue;
    }
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(type)) throw new Error(`unusable relationship type ${type}`);
    if (!nameOf.has(from) || !nameOf.has(to)) throw new Error(`relationship to unknown node: ${line}`);
    if (!relOut.has(type)) relOut.set(type, fs.createWriteStream(path.join(dir, `rel_${type}.csv`)));
    const out = relOut.get(type);
    const row = [nameOf.get(from), nameOf.get(to), count, confidence].map(csvField).join(",") + "\n";
    if (!out.write(row)) await new Promise((resolve) => out.once("drain", resolve));
    relCount++;
  }
  for (const out of relOut.values()) await new Promise((resolve) => out.end(resolve));
  return { nodeCount, relCount, types: [...relOut.keys()].sort() };
}

function seconds(start) {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

// Kùzu answers with objects keyed by column name; kg's rows are arrays in column order.
function sameRows(kuzuRows, kgRows) {
  if (kuzuRows.length !== kgRows.length) return false;
  return kuzuRows.every((row, i) => {
    const values = Object.values(row);
    return values.length === kgRows[i].length &&
        values.every((v, j) => (typeof v === "bigint" ? Number(v) : v) === kgRows[i][j]);
  });
}

const spec = JSON.parse(fs.readFileSync(path.join(outdir, "queries.json"), "utf8"));
const work = fs.mkdtempSync(path.join(os.tmpdir(), "kg-kuzu-"));
let db = null;
let conn = null;
try {
  let start = process.hrtime.bigint();
  const { nodeCount, relCount, types } = await writeKuzuCsv(work);
  const convertS = seconds(start);

  db = new kuzu.Database(path.join(work, "db"));
  conn = new kuzu.Connection(db);
  start = process.hrtime.bigint();
  let cpuStart = process.cpuUsage();
  await conn.query("CREATE NODE TABLE Entity(name STRING PRIMARY KEY, id INT64, aliases STRING, " +
                   "mentions INT64, label STRING)");
  await conn.query(`COPY Entity FROM '${path.join(work, "nodes.csv")}' (header=false)`);
  for (const type of types) {
    await conn.query(`CREATE REL TABLE ${type}(FROM Entity TO Entity, count INT64, confidence DOUBLE)`);
    await conn.query(`COPY ${type} FROM '${path.join(work, `rel_${type}.csv`)}' (header=false)`);
  }
  const cpuLoad = process.cpuUsage(cpuStart);
  const loadS = seconds(start);
  console.log(`kuzu ${kuzu.VERSION}: ${nodeCount} nodes, ${relCount} relationships; ` +
              `CSV rewritten in ${convertS.toFixed(1)} s, loaded in ${loadS.toFixed(1)} s ` +
              `(${((cpuLoad.user + cpuLoad.system) / 1e6).toFixed(1)} s CPU)`);
  if (nodeCount !== spec.nodes || relCount !== spec.relationships) {
    throw new Error(`CSV holds ${nodeCount}/${relCount}, kg had ${spec.nodes}/${spec.relationships}`);
  }

  const timings = ["query\tkuzu_ms\tkuzu_cpu_ms\truns\tdisagree"];
  let failures = 0;
  console.log(`${"query".padEnd(18)} ${"runs".padStart(6)} ${"kuzu ms".padStart(10)} ${"kuzu cpu".padStart(10)}`);
  for (const query of spec.queries) {
    const prepared = await conn.prepare(query.kuzu);
    if (!prepared.isSuccess()) throw new Error(`${query.name}: ${prepared.getErrorMessage()}`);
    // One untimed run first, as on kg's side.
    await (await conn.execute(prepared, query.runs[0].params)).getAll();
    const answers = [];
    start = process.hrtime.bigint();
    cpuStart = process.cpuUsage();
    for (const run of query.runs) {
      const result = await conn.execute(prepared, run.params);
      answers.push(await result.getAll());
    }
    const cpu = process.cpuUsage(cpuStart);
    const wallMs = (seconds(start) * 1000) / query.runs.length;
    const cpuMs = (cpu.user + cpu.system) / 1000 / query.runs.length;
    let disagree = 0;
    query.runs.forEach((run, i) => {
      if (sameRows(answers[i], run.rows)) return;
      if (disagree++ < 3) {
        console.error(`bench_kuzu: ${query.name} ${JSON.stringify(run.params)}: kuzu ` +
                      `${JSON.stringify(answers[i], (k, v) => typeof v === "bigint" ? Number(v) : v)}` +
                      ` but kg ${JSON.stringify(run.rows)}`);
      }
    });
    failures += disagree;
    console.log(`${query.name.padEnd(18)} ${String(query.runs.length).padStart(6)} ` +
                `${wallMs.toFixed(3).padStart(10)} ${cpuMs.toFixed(3).padStart(10)}` +
                (disagree ? `  DISAGREE on ${disagree}` : "  agrees with kg"));
    timings.push([query.name, wallMs.toFixed(4), cpuMs.toFixed(4), query.runs.length, disagree].join("\t"));
  }
  // What any call costs through the Node binding (prepare once, execute, fetch one row).
  const floorRuns = 200;
  const floor = await conn.prepare("RETURN $x AS x");
  start = process.hrtime.bigint();
  for (let i = 0; i < floorRuns; i++) await (await conn.execute(floor, { x: i })).getAll();
  console.log(`binding floor: RETURN $x takes ${((seconds(start) * 1000) / floorRuns).toFixed(3)} ms`);
  fs.writeFileSync(path.join(outdir, "kuzu_times.tsv"), timings.join("\n") + "\n");
  if (failures) {
    console.error(`bench_kuzu: ${failures} results differ from kg's`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`bench_kuzu: ${error.message}`);
  process.exitCode = 1;
} finally {
  if (conn) await conn.close();
  if (db) await db.close();
  fs.rmSync(work, { recursive: true, force: true });
}
