package io.github.gradcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Several named states of one model, each checked on its own: the course's "run at random
 * initialization; perhaps again after some training". A state is reached by making a fresh model
 * and replaying the steps up to it, so that every check starts from the same place.
 *
 * <pre>{@code
 * @ModelUnderTest
 * static ModelStates<TwoLayerNet> net() {
 *     return ModelStates.of("at init", () -> TwoLayerNet.random(42))
 *             .then("after 10 steps", net -> net.train(10))
 *             .then("after 100 steps", net -> net.train(90));
 * }
 * }</pre>
 *
 * <p>With {@code @GradientCheck}, each state is its own test invocation, named
 * {@code net @ after 10 steps}. Immutable; {@link #then} returns a new sequence.
 *
 * @param <M> the model's type
 */
public final class ModelStates<M extends DifferentiableModel> {

    private final Supplier<? extends M> factory;
    private final List<String> names;
    private final List<Consumer<? super M>> steps;

    private ModelStates(Supplier<? extends M> factory, List<String> names, List<Consumer<? super M>> steps) {
        this.factory = factory;
        this.names = List.copyOf(names);
        this.steps = List.copyOf(steps);
    }

    /**
     * The first state, as {@code factory} makes it.
     *
     * @param <M> the model's type
     * @param name the state's name, e.g. {@code at init}
     * @param factory makes a fresh model in the first state; called again for every state checked
     * @return a sequence of one state
     * @throws IllegalArgumentException if the name is blank
     */
    public static <M extends DifferentiableModel> ModelStates<M> of(String name, Supplier<? extends M> factory) {
        Objects.requireNonNull(factory, "factory");
        return new ModelStates<>(factory, List.of(requireName(name, List.of())), List.of(model -> { }));
    }

    /**
     * A further state, reached from the previous one by {@code step} (for example some training).
     *
     * @param name the state's name
     * @param step advances a model in the previous state to this one, in place
     * @return a new sequence with this state last
     * @throws IllegalArgumentException if the name is blank or already taken
     */
    public ModelStates<M> then(String name, Consumer<? super M> step) {
        Objects.requireNonNull(step, "step");
        List<String> moreNames = new ArrayList<>(names);
        moreNames.add(requireName(name, names));
        List<Consumer<? super M>> moreSteps = new ArrayList<>(steps);
        moreSteps.add(step);
        return new ModelStates<>(factory, moreNames, moreSteps);
    }

    /**
     * The states' names, in order.
     *
     * @return the names, one per state
     */
    public List<String> names() {
        return names;
    }

    /**
     * State {@code index} (0 is the first), reached afresh: a new model from the factory, advanced by
     * every step up to that state. The way to check one state outside {@code @GradientCheck}:
     * {@code checker.check(states.get(1).named())}.
     *
     * @param index the state, from 0 to {@code names().size() - 1}
     * @return the state, with a model of its own
     * @throws IndexOutOfBoundsException if there is no state {@code index}
     * @throws GradientCheckException naming the states, if the factory returns null
     */
    public State<M> get(int index) {
        Objects.checkIndex(index, names.size());
        M model = factory.get();
        if (model == null) {
            throw new GradientCheckException("the factory of model states " + names + " returned null");
        }
        for (int step = 1; step <= index; step++) {
            steps.get(step).accept(model);
        }
        return new State<>(names.get(index), model);
    }

    /**
     * One state of the model: its name, and a model in it.
     *
     * @param <M> the model's type
     * @param name the state's name, e.g. {@code after 10 steps}
     * @param model a model in that state, its own: checking or changing it touches no other state
     */
    public record State<M extends DifferentiableModel>(String name, M model) {

        /**
         * A state.
         *
         * @param name the state's name
         * @param model a model in that state
         */
        public State {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(model, "model");
        }

        /**
         * The model under the name reports give this state, {@code "<model> @ <state>"}, e.g.
         * {@code TwoLayerNet @ after 10 steps}: what to check. It is {@link #model()} itself, renamed.
         *
         * @return the model, renamed for reports
         */
        public DifferentiableModel named() {
            return model.named(Objects.requireNonNullElse(model.name(), "model") + " @ " + name);
        }
    }

    private static String requireName(String name, List<String> taken) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a model state needs a non-blank name, got "
                    + (name == null ? "null" : "'" + name + "'"));
        }
        if (taken.contains(name)) {
            throw new IllegalArgumentException("two model states are named '" + name + "'; the states are " + taken);
        }
        return name;
    }

    @Override
    public String toString() {
        return "ModelStates" + names;
    }
}
