import { x } from "@ejustice/platform"; console.log(x);
