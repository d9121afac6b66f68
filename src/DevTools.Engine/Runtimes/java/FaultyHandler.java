package lambdadevtools.runtime;

/** A handler that could not be bound (no such class, method or interface): every invoke fails with the same fault. */
final class FaultyHandler implements LambdaHandler {
    private final UserFault fault;

    FaultyHandler(UserFault fault) {
        this.fault = fault;
    }

    @Override
    public byte[] handle(Invocation invocation) throws UserFault {
        throw fault;
    }
}
