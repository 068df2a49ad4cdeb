{% macro no_earlier_copy_held(key_column, relation_alias='renamed') -%}
    {#- For an incremental message table that keeps the first received copy of each message
        id (macro deduplicate by received_at, sent_at): true for a copy read in this run
        unless the model holds a copy of the same id received no earlier. delete+insert on
        the key then swaps a held copy for one received earlier, as a full refresh would. -#}
    not exists (
        -- a copy held already that was received no later than this one stays
        select 1 from {{ this }} as held
        where
            held.{{ key_column }} = {{ relation_alias }}.{{ key_column }}
            and (
                held.received_at < {{ relation_alias }}.received_at
                or (
                    held.received_at = {{ relation_alias }}.received_at
                    and (held.sent_at <= {{ relation_alias }}.sent_at or {{ relation_alias }}.sent_at is null)
                )
            )
    )
{%- endmacro %}
