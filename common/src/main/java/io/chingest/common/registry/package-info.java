/** Client of the Confluent Schema Registry REST API (Confluent, Apicurio, Karapace, Redpanda) and its typed errors. */
package io.chingest.common.registry;
