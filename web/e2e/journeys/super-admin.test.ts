import { journeyTest } from "../journey-test.ts";

journeyTest("super-admin");
