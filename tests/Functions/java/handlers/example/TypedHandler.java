package example;

import com.amazonaws.services.lambda.runtime.RequestHandler;

/** Binds RequestHandler's input type to a subclass's type argument. */
public abstract class TypedHandler<T> implements RequestHandler<T, Receipt> {
}
