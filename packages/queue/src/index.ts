export { createProducerConnection, createWorkerConnection } from "./connections.ts";
