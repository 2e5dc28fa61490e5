import { journeyTest } from "../journey-test.ts";

journeyTest("grid");
