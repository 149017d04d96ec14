// Read a GEXF or GraphML file with graphology's parsers (the GEXF one is Gephi Lite's)
// and print what the Python tests compare: node and edge counts, graph type, and the
// attributes of every node. Usage: node read_graph.mjs gexf|graphml FILE
import { readFileSync } from "node:fs";
import graphology from "graphology";
import gexf from "graphology-gexf";
import graphml from "graphology-graphml";

const [format, file] = process.argv.slice(2);
const text = readFileSync(file, "utf-8");
const parser = { gexf, graphml }[format];
if (!parser) {
  console.error(`unknown format ${format}: expected gexf or graphml`);
  process.exit(2);
}
const graph = parser.parse(graphology.MultiGraph, text);
const nodes = {};
graph.forEachNode((key, attrs) => { nodes[key] = attrs; });
console.log(JSON.stringify({
  nodes: graph.order,
  edges: graph.size,
  type: graph.type,
  directedEdges: graph.directedSize,
  undirectedEdges: graph.undirectedSize,
  attributes: nodes,
}));
