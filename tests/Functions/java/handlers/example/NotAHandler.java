package example;

/** A class named as a handler without a method: it implements neither handler interface. */
public class NotAHandler {
}
