{% macro activation_audience(segment_name, purposes) -%}
    {#- The customers an export of segment `segment_name` may send: current members outside
        the holdout, with consent granted for every purpose in `purposes` (one boolean
        is_<purpose>_consented column each), and not suppressed by an erasure request. Every
        export starts from this select, so the rules that keep a person out of a destination
        live in one place. -#}
    select
        members.customer_id
        {%- for purpose in purposes %},
        consent.is_{{ purpose }}_consented
        {%- endfor %}
    from {{ ref('segment_memberships') }} as members
    inner join (
        {{ export_consent_flags(ref('customer_consent'), purposes) }}
    ) as consent
        on members.customer_id = consent.customer_id
    where
        members.segment_name = '{{ segment_name }}'
        and not members.is_holdout
        {%- for purpose in purposes %}
        and consent.is_{{ purpose }}_consented
        {%- endfor %}
        and not exists (
            select 1 from {{ ref('int_privacy__suppressed_customers') }} as suppressed
            where suppressed.customer_id = members.customer_id
        )
{%- endmacro %}
