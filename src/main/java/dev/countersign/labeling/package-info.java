/**
 * Data labeling by several people (issue 9). So far only the agreement among annotators; projects,
 * items, the data-labeling process and its API are still to come. Imports no feature package.
 */
package dev.countersign.labeling;
