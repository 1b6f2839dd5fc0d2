/**
 * What compliance relies on: the append-only, hash-chained evidence trail, its seals and export, the
 * automation kill switch and the reviewer signals. Uses only system.
 */
package dev.countersign.oversight;
