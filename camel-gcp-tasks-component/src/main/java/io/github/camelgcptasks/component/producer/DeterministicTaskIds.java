package io.github.camelgcptasks.component.producer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.github.camelgcptasks.component.GcpTasksInvalidInputException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;

/**
 * Names tasks after the exchange they come from, so that sending the same exchange again (a retry of the call, or a
 * Camel redelivery) names the same task and Cloud Tasks refuses the copy with ALREADY_EXISTS.
 * <p>
 * The key is the value of {@code taskIdExpression} (Simple language) when set, else the exchange id. The id is the
 * first 128 bits of the key's SHA-256, in hex: 32 characters Cloud Tasks accepts, and not sequential even when the keys
 * are (Cloud Tasks warns that sequential names slow a queue down).
 */
public final class DeterministicTaskIds {

    private static final int ID_BYTES = 16;

    private final String expressionText;
    private final Expression expression;

    private DeterministicTaskIds(String expressionText, Expression expression) {
        this.expressionText = expressionText;
        this.expression = expression;
    }

    /** Ids from the exchange id. */
    public static DeterministicTaskIds fromExchangeId() {
        return new DeterministicTaskIds(null, null);
    }

    /** Ids from a Simple expression evaluated on the exchange. */
    public static DeterministicTaskIds fromExpression(CamelContext context, String simpleExpression) {
        Expression expression = context.resolveLanguage("simple").createExpression(simpleExpression.trim());
        expression.init(context);
        return new DeterministicTaskIds(simpleExpression.trim(), expression);
    }

    /** The task id for the exchange. */
    public String idFor(Exchange exchange) {
        return hash(key(exchange));
    }

    /** The task id for element {@code index} of a batch exchange: each element names a task of its own. */
    public String idFor(Exchange exchange, int index) {
        // a NUL separates key and index, since keys are text that does not contain one
        return hash(key(exchange) + '\u0000' + index);
    }

    private String key(Exchange exchange) {
        if (expression == null) {
            return exchange.getExchangeId();
        }
        String key = expression.evaluate(exchange, String.class);
        if (key == null || key.isEmpty()) {
            throw new GcpTasksInvalidInputException("taskIdExpression", "taskIdExpression " + expressionText
                                                                         + " evaluated to an empty value: it must give"
                                                                         + " each task a non-empty key");
        }
        return key;
    }

    static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, ID_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }
}
