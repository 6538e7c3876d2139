/** Prices and the cost of AI calls, in exact decimals. */
package dev.aitrace.cost;
