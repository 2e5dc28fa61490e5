import { journeyTest } from "../journey-test.ts";

journeyTest("two-factor");
