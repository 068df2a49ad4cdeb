{% macro export_consent_flags(consent_relation, purposes) -%}
    {{ return(adapter.dispatch('export_consent_flags')(consent_relation, purposes)) }}
{%- endmacro %}

{% macro default__export_consent_flags(consent_relation, purposes) -%}
    {#- A select of one row per customer with a boolean is_<purpose>_consented per purpose:
        true when consent for that purpose is granted (on any channel), false otherwise. -#}
    {%- set settings = segment_consent_settings() %}
    select
        consent.customer_id,
        {%- for purpose in purposes %}
        coalesce(bool_or(
            consent.{{ settings.purpose_column }} = '{{ purpose }}'
            and ({{ settings.granted_condition }})
        ), false)
            as is_{{ purpose }}_consented{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ consent_relation }} as consent
    group by consent.customer_id
{%- endmacro %}
