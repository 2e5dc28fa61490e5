import { journeyTest } from "../journey-test.ts";

journeyTest("custom-role");
