/**
 * The candidate-promotion process: prompt and model candidates and champions, their evaluation and
 * the model owners' decisions. Uses generation, screening, feedback, memory, oversight and system.
 */
package dev.countersign.promotion;
