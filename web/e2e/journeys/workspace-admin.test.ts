import { journeyTest } from "../journey-test.ts";

journeyTest("workspace-admin");
