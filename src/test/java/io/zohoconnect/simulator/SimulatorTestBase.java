package io.zohoconnect.simulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh simulator on a free port for each test, closed afterwards. */
abstract class SimulatorTestBase {

    SimHarness sim;

    @BeforeEach
    void startSimulator() {
        sim = SimHarness.start();
    }

    @AfterEach
    void stopSimulator() {
        sim.close();
    }
}
