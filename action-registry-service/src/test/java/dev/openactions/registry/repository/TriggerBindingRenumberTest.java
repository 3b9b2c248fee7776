package dev.openactions.registry.repository;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openactions.registry.domain.TriggerBindingEntity;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A flow's positions after an insert or a removal: 0, 1, 2, … in list order. */
class TriggerBindingRenumberTest {

    private static TriggerBindingEntity at(int position) {
        TriggerBindingEntity binding = new TriggerBindingEntity();
        binding.position = position;
        return binding;
    }

    @Test
    void closesGapsAndMakesRoomInListOrder() {
        List<TriggerBindingEntity> flow = new ArrayList<>(List.of(at(0), at(2), at(5)));
        TriggerBindingEntity inserted = at(-1);
        flow.add(1, inserted);
        TriggerBindingRepository.renumber(flow);
        assertThat(flow).extracting(b -> b.position).containsExactly(0, 1, 2, 3);
        assertThat(inserted.position).isEqualTo(1);
    }

    @Test
    void anEmptyFlowStaysEmpty() {
        List<TriggerBindingEntity> flow = new ArrayList<>();
        TriggerBindingRepository.renumber(flow);
        assertThat(flow).isEmpty();
        List<TriggerBindingEntity> many =
                new ArrayList<>(IntStream.range(0, 5).mapToObj(i -> at(10 - i)).toList());
        TriggerBindingRepository.renumber(many);
        assertThat(many).extracting(b -> b.position).containsExactly(0, 1, 2, 3, 4);
    }
}
