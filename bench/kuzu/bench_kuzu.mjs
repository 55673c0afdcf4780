// Peer benchmark, Kùzu's side: loads the CSV that bench_peers or bench_graph_queries exported
// with kg's exporter into a fresh Kùzu database, runs the same queries with the same
// parameters, checks every result against kg's (from queries.json) and prints mean times.
// Exits 1 when any result differs. queries.json's "kuzu_schema": "one_table" asks for one
// relationship table with the type as a property (the Kùzu query texts are written for it).
// Usage: node bench_kuzu.mjs OUTDIR      (OUTDIR as given to bench_peers/bench_graph_queries)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
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
  if (!line.includes('"')) return line.split(",");
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

// Calls onLine for every non-empty line of a file, read 16 MiB at a time. Synchronous: an
// await per line or per row costs more than the rewrite itself on 5M relationships.
function forEachLine(file, onLine) {
  const fd = fs.openSync(file, "r");
  const handle = (text) => {
    for (const line of text.split("\n")) if (line.length) onLine(line);
  };
  try {
    const chunk = Buffer.alloc(16 << 20);
    let carry = Buffer.alloc(0);  // the bytes after the last newline read so far
    for (;;) {
      const read = fs.readSync(fd, chunk, 0, chunk.length, null);
      const data = carry.length ? Buffer.concat([carry, chunk.subarray(0, read)]) : chunk.subarray(0, read);
      if (read === 0) {
        if (data.length) handle(data.toString("utf8"));
        break;
      }
      // Decoded only up to a newline, so that no UTF-8 sequence is cut in two.
      const last = data.lastIndexOf(10);
      if (last < 0) {
        carry = Buffer.from(data);
        continue;
      }
      handle(data.toString("utf8", 0, last));
      carry = Buffer.from(data.subarray(last + 1));
    }
  } finally {
    fs.closeSync(fd);
  }
}

// A file written through one 8 MiB buffer that each row is encoded into at once: rows kept as
// strings until a large write left millions of them to the garbage collector (most of the
// rewrite's time, measured with --cpu-prof).
class BatchedWriter {
  constructor(file) {
    this.fd = fs.openSync(file, "w");
    this.buffer = Buffer.alloc(8 << 20);
    this.used = 0;
  }
  add(row) {
    if (this.used + 3 * row.length > this.buffer.length) this.flush();  // UTF-8: 3 bytes a char at most
    if (3 * row.length > this.buffer.length) {
      fs.writeSync(this.fd, row);
      return;
    }
    this.used += this.buffer.write(row, this.used);
  }
  flush() {
    let done = 0;
    while (done < this.used) done += fs.writeSync(this.fd, this.buffer, done, this.used - done);
    this.used = 0;
  }
  end() {
    this.flush();
    fs.closeSync(this.fd);
  }
}

// Kùzu looks nodes up fast only by primary key, and kg's anchored queries look nodes up by
// name, which kg indexes: so the key here is the name, and relationships, which kg's CSV gives
// by numeric :ID, are rewritten to name the nodes they join. Relationships go either into one
// table per type (a Kùzu relationship table is what a relationship type is in Cypher: right
// for the generated graph's four types), or, with oneTable, into a single table `Rel` with the
// type as a string property: a graph built from text has hundreds of types, and Kùzu 0.11.3
// took 511 s to create and fill ~800 tables and 198 ms per untyped 1-hop query across them.
function writeKuzuCsv(dir, oneTable) {
  // kg's :ID (a number) -> the node's name as a CSV field. An array: twice as fast as a Map
  // on 10M lookups, and kg numbers its nodes densely.
  const nameOf = [];
  const nodesOut = new BatchedWriter(path.join(dir, "nodes.csv"));
  let header = true;
  let nodeCount = 0;
  forEachLine(path.join(outdir, "nodes.csv"), (line) => {
    const [id, name, aliases, mentions, label] = csvFields(line);
    if (header) {
      if (id !== ":ID" || name !== "name") throw new Error(`unexpected nodes.csv header: ${line}`);
      header = false;
      return;
    }
    if (!/^[0-9]{1,15}$/.test(id)) throw new Error(`nodes.csv: id ${id} is no number`);
    if (nameOf[+id] !== undefined) throw new Error(`nodes.csv: id ${id} appears twice`);
    const nameField = csvField(name);
    nameOf[+id] = nameField;
    nodesOut.add(`${nameField},${id},${csvField(aliases)},${mentions},${csvField(label)}\n`);
    nodeCount++;
  });
  nodesOut.end();

  const relOut = new Map();  // type (or "Rel" for the single table) -> writer
  const typeField = new Map();  // type -> the type as a CSV field
  header = true;
  let relCount = 0;
  forEachLine(path.join(outdir, "relationships.csv"), (line) => {
    let from, to, type, rest;  // rest: ",count,confidence"
    if (line.includes('"')) {
      const fields = csvFields(line);
      [from, to, type] = fields;
      rest = `,${fields[3]},${fields[4]}`;
    } else {  // most lines: cut at the first three commas without splitting the rest
      const c1 = line.indexOf(","), c2 = line.indexOf(",", c1 + 1), c3 = line.indexOf(",", c2 + 1);
      from = line.slice(0, c1);
      to = line.slice(c1 + 1, c2);
      type = line.slice(c2 + 1, c3);
      rest = line.slice(c3);
    }
    if (header) {
      if (from !== ":START_ID" || type !== ":TYPE") throw new Error(`unexpected header: ${line}`);
      header = false;
      return;
    }
    // kg writes ids as integers; anything else is NaN (or 0 when empty) and fails here.
    const fromName = nameOf[+from], toName = nameOf[+to];
    if (fromName === undefined || toName === undefined || !from.length || !to.length) {
      throw new Error(`relationship to unknown node: ${line}`);
    }
    const table = oneTable ? "Rel" : type;
    let out = relOut.get(table);
    if (!out) {
      if (!oneTable && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(type)) {
        throw new Error(`unusable relationship type ${type}`);
      }
      out = new BatchedWriter(path.join(dir, `rel_${table}.csv`));
      relOut.set(table, out);
    }
    if (oneTable) {
      let typeText = typeField.get(type);
      if (typeText === undefined) typeField.set(type, (typeText = csvField(type)));
      out.add(fromName + "," + toName + "," + typeText + rest + "\n");
    } else {
      out.add(fromName + "," + toName + rest + "\n");
    }
    relCount++;
  });
  for (const out of relOut.values()) out.end();
  return { nodeCount, relCount, tables: [...relOut.keys()].sort() };
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
  let cpuStart = process.cpuUsage();
  const oneTable = spec.kuzu_schema === "one_table";
  const { nodeCount, relCount, tables } = writeKuzuCsv(work, oneTable);
  const convertS = seconds(start);
  const cpuConvert = process.cpuUsage(cpuStart);

  db = new kuzu.Database(path.join(work, "db"));
  conn = new kuzu.Connection(db);
  start = process.hrtime.bigint();
  cpuStart = process.cpuUsage();
  await conn.query("CREATE NODE TABLE Entity(name STRING PRIMARY KEY, id INT64, aliases STRING, " +
                   "mentions INT64, label STRING)");
  await conn.query(`COPY Entity FROM '${path.join(work, "nodes.csv")}' (header=false)`);
  const typeColumn = oneTable ? "type STRING, " : "";
  for (const table of tables) {
    await conn.query(`CREATE REL TABLE ${table}(FROM Entity TO Entity, ${typeColumn}count INT64, ` +
                     "confidence DOUBLE)");
    await conn.query(`COPY ${table} FROM '${path.join(work, `rel_${table}.csv`)}' (header=false)`);
  }
  const cpuLoad = process.cpuUsage(cpuStart);
  const loadS = seconds(start);
  const schema = oneTable ? "one relationship table, type as a property"
                          : `${tables.length} relationship tables, one per type`;
  console.log(`kuzu ${kuzu.VERSION}: ${nodeCount} nodes, ${relCount} relationships (${schema}); ` +
              `CSV rewritten in ${convertS.toFixed(1)} s ` +
              `(${((cpuConvert.user + cpuConvert.system) / 1e6).toFixed(1)} s CPU), loaded in ${loadS.toFixed(1)} s ` +
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
