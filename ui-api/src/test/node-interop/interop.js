// Third-party interop check, run by NodeInteropTest: Confluent's official Node client
// (@confluentinc/schemaregistry) with kafkajs, against preptrack's embedded broker and registry.
//
//   node interop.js <clientProperties> <registryUrl> <fromJavaTopic> <count> <toJavaTopic> <eventsJson>
//
// <clientProperties> is the embedded broker's kafka-client.properties: its address and the SASL
// PLAIN login it asks of every client (read from the file, never passed on the command line).
//
// 1. Consumes <count> records that preptrack's Java serde wrote to <fromJavaTopic>, decodes them
//    with Confluent's AvroDeserializer, and prints each as a line {"key": ..., "value": ...}
//    (Avro JSON: unions wrapped), so the Java side can compare them with what it wrote.
// 2. Encodes each event of <eventsJson> (a JSON array in the same form) with Confluent's
//    AvroSerializer, using the latest schema registered for <toJavaTopic>-value, and produces
//    it to <toJavaTopic>, for the Java side to decode.
'use strict';

const fs = require('fs');

const { Kafka, logLevel } = require('kafkajs');
const {
  SchemaRegistryClient, AvroSerializer, AvroDeserializer, SerdeType,
} = require('@confluentinc/schemaregistry');

// A Java properties file as Kafka's tools write it: key=value lines, # comments.
function clientSettings(file) {
  const settings = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const at = line.indexOf('=');
    if (line.startsWith('#') || at < 0) continue;
    settings[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return settings;
}

async function main() {
  const [propertiesFile, registryUrl, fromJava, count, toJava, eventsJson] = process.argv.slice(2);
  const settings = clientSettings(propertiesFile);
  const login = /username="([^"]*)"\s+password="([^"]*)"/.exec(settings['sasl.jaas.config'] || '');
  const registry = new SchemaRegistryClient({ baseURLs: [registryUrl] });
  const kafka = new Kafka({
    clientId: 'preptrack-node-interop',
    brokers: settings['bootstrap.servers'].split(','),
    sasl: login ? { mechanism: settings['sasl.mechanism'].toLowerCase(), username: login[1], password: login[2] } : undefined,
    logLevel: logLevel.ERROR,
  });
  // Wrapped unions are Avro's JSON encoding, which the Java side reads with Avro's JsonDecoder.
  const avroOptions = { wrapUnions: true };

  const deserializer = new AvroDeserializer(registry, SerdeType.VALUE, avroOptions);
  const consumer = kafka.consumer({ groupId: `preptrack-node-interop-${process.pid}` });
  await consumer.connect();
  await consumer.subscribe({ topic: fromJava, fromBeginning: true });
  const decoded = [];
  await new Promise((resolve, reject) => {
    consumer.run({
      eachMessage: async ({ message }) => {
        try {
          const value = await deserializer.deserialize(fromJava, message.value);
          decoded.push({ key: message.key.toString(), value });
          if (decoded.length >= Number(count)) resolve();
        } catch (e) {
          reject(e);
        }
      },
    }).catch(reject);
  });
  await consumer.disconnect();
  for (const record of decoded) {
    process.stdout.write(JSON.stringify(record) + '\n');
  }

  const serializer = new AvroSerializer(registry, SerdeType.VALUE,
    { ...avroOptions, useLatestVersion: true, autoRegisterSchemas: false });
  const producer = kafka.producer();
  await producer.connect();
  for (const event of JSON.parse(eventsJson)) {
    const value = await serializer.serialize(toJava, event);
    await producer.send({ topic: toJava, acks: -1, messages: [{ key: event.candidateId, value }] });
  }
  await producer.disconnect();
}

main().then(() => process.exit(0), (error) => {
  process.stderr.write(`interop failed: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
