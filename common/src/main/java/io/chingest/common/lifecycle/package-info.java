/** Program life cycle shared by both programs: stopping gracefully on a signal. */
package io.chingest.common.lifecycle;
