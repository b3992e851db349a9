// The playground bundle's entry point: defines the custom elements that
// pages and chapters use. Everything else is imported from here, and
// build/playground.rs bundles it into one ES module.

import { LabPanelsElement } from "./lab_panels";
import { ExerciseCheckElement } from "./exercise_check";
import { LabPlaygroundElement } from "./lab_playground";
import { LabClusterElement } from "./cluster";
import { LabQuizElement } from "./quiz";
import { LabRoomsElement } from "./rooms";

if (!customElements.get("lab-panels")) {
  customElements.define("lab-panels", LabPanelsElement);
}
if (!customElements.get("lab-playground")) {
  customElements.define("lab-playground", LabPlaygroundElement);
}
if (!customElements.get("exercise-check")) {
  customElements.define("exercise-check", ExerciseCheckElement);
}
if (!customElements.get("lab-rooms")) {
  customElements.define("lab-rooms", LabRoomsElement);
}
if (!customElements.get("lab-quiz")) {
  customElements.define("lab-quiz", LabQuizElement);
}
if (!customElements.get("lab-cluster")) {
  customElements.define("lab-cluster", LabClusterElement);
}
