import { journeyTest } from "../journey-test.ts";

journeyTest("delivery");
