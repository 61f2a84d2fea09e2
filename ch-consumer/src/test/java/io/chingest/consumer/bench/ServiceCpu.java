package io.chingest.consumer.bench;

import io.chingest.testing.ClickHouseExtension;
import io.chingest.testing.KafkaBrokerExtension;
import io.chingest.testing.ServicesCpu;
import java.util.List;

/** The consumer benchmark's services for {@link ServicesCpu}: the ClickHouse server and the Kafka broker. */
final class ServiceCpu {

    private ServiceCpu() {}

    static ServicesCpu now() {
        return ServicesCpu.now(List.of(
                new ServicesCpu.Service(
                        "ClickHouse", ClickHouseExtension.server().pid()),
                new ServicesCpu.Service("broker", KafkaBrokerExtension.broker().pid())));
    }
}
