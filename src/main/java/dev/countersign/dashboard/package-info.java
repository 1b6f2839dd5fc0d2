/**
 * What operations staff watch: the dashboard's page and its figures, read from every other
 * feature over bounded, indexed queries. Reads only; nothing here changes state.
 */
package dev.countersign.dashboard;
