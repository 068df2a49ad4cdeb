{% macro identity_usable_observations(observations, quarantined_values, type_settings) -%}
    {{ return(adapter.dispatch('identity_usable_observations')(observations, quarantined_values, type_settings)) }}
{%- endmacro %}

{% macro default__identity_usable_observations(observations, quarantined_values, type_settings) -%}
    {#- A select of the observations records may link on: of a strong identifier type and
        not a quarantined value; one row per record, type and match key, with the type's
        priority and max_per_customer. The relations are given by name (CTEs of the
        caller). -#}
    select distinct
        {{ observations }}.source_name,
        {{ observations }}.record_id,
        {{ observations }}.identifier_type,
        {{ observations }}.match_key,
        {{ type_settings }}.priority,
        {{ type_settings }}.max_per_customer
    from {{ observations }}
    inner join {{ type_settings }}
        on {{ observations }}.identifier_type = {{ type_settings }}.identifier_type
    where
        {{ type_settings }}.is_strong
        and not exists (
            select 1
            from {{ quarantined_values }}
            where
                {{ quarantined_values }}.identifier_type = {{ observations }}.identifier_type
                and {{ quarantined_values }}.identifier_value = {{ observations }}.match_key
        )
{%- endmacro %}
