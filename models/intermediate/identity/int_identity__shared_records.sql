{#- One row per identity record that links by none of its identifiers
    (int_identity__edges), with the first reason that applies and its evidence:
    - own_key_quarantined: its own key is a quarantined value (a family tablet's anonymous
      id seen with several shop accounts);
    - conflicting_names: two of its usable identifier values lead to other records whose
      first names cannot be one person's: no first name on the other records of one value
      is related (identity_related_first_names) to one on the other records of the
      other. The record's own name is left out: it sits on both values. A shared
      device that holds one person's shop login and another's email: neither value is
      shared by itself, so the value checks of int_identity__quarantined_values cannot see
      it, yet linking on both would merge two people. -#}

with

observations as (

    select * from {{ ref('int_identity__observations') }}

),

quarantined_values as (

    select * from {{ ref('int_identity__quarantined_values') }}

),

value_first_names as (

    select * from {{ ref('int_identity__value_first_names') }}

),

nicknames as (

    select * from {{ ref('nicknames') }}

),

type_settings as (

    {{ identity_type_settings() }}

),

own_key_quarantined as (

    select
        observations.source_name,
        observations.record_id,
        observations.identifier_type as identifier_type_a,
        observations.match_key as identifier_value_a,
        cast(null as {{ dbt.type_string() }}) as identifier_type_b,
        cast(null as {{ dbt.type_string() }}) as identifier_value_b
    from observations
    inner join quarantined_values
        on
            observations.identifier_type = quarantined_values.identifier_type
            and observations.match_key = quarantined_values.identifier_value
    where observations.is_record_key

),

usable_values as (

    {{ identity_usable_observations('observations', 'quarantined_values', 'type_settings') }}

),

record_value_names as (

    -- the first names on the other records holding each of the record's values
    select distinct
        usable_values.source_name,
        usable_values.record_id,
        usable_values.identifier_type,
        usable_values.match_key,
        value_first_names.first_name_key
    from usable_values
    inner join value_first_names
        on
            usable_values.identifier_type = value_first_names.identifier_type
            and usable_values.match_key = value_first_names.match_key
            and (
                usable_values.source_name <> value_first_names.source_name
                or usable_values.record_id <> value_first_names.record_id
            )

),

value_name_pairs as (

    select
        value_a.source_name,
        value_a.record_id,
        value_a.identifier_type as identifier_type_a,
        value_a.match_key as identifier_value_a,
        value_b.identifier_type as identifier_type_b,
        value_b.match_key as identifier_value_b,
        value_a.first_name_key as first_name_a,
        value_b.first_name_key as first_name_b
    from record_value_names as value_a
    inner join record_value_names as value_b
        on
            value_a.source_name = value_b.source_name
            and value_a.record_id = value_b.record_id
            and (
                value_a.identifier_type < value_b.identifier_type
                or (
                    value_a.identifier_type = value_b.identifier_type
                    and value_a.match_key < value_b.match_key
                )
            )

),

name_pairs as (

    -- the relation test once per distinct pair of names rather than once per record
    {{ identity_related_first_names('value_name_pairs', 'nicknames') }}

),

conflicting_value_pairs as (

    select
        value_name_pairs.source_name,
        value_name_pairs.record_id,
        value_name_pairs.identifier_type_a,
        value_name_pairs.identifier_value_a,
        value_name_pairs.identifier_type_b,
        value_name_pairs.identifier_value_b
    from value_name_pairs
    inner join name_pairs
        on
            value_name_pairs.first_name_a = name_pairs.first_name_a
            and value_name_pairs.first_name_b = name_pairs.first_name_b
    group by
        value_name_pairs.source_name,
        value_name_pairs.record_id,
        value_name_pairs.identifier_type_a,
        value_name_pairs.identifier_value_a,
        value_name_pairs.identifier_type_b,
        value_name_pairs.identifier_value_b
    having max(name_pairs.is_related) = 0

),

reasons as (

    select
        *,
        'own_key_quarantined' as reason,
        1 as reason_rank
    from own_key_quarantined
    union all
    select
        *,
        'conflicting_names' as reason,
        2 as reason_rank
    from conflicting_value_pairs

),

ranked as (

    select
        reasons.*,
        row_number() over (
            partition by reasons.source_name, reasons.record_id
            order by
                reasons.reason_rank,
                reasons.identifier_type_a,
                reasons.identifier_value_a,
                reasons.identifier_type_b,
                reasons.identifier_value_b
        ) as evidence_rank,
        count(*) over (partition by reasons.source_name, reasons.record_id) as evidence_count
    from reasons

),

final as (

    select
        source_name,
        record_id,
        reason,
        identifier_type_a,
        identifier_value_a,
        identifier_type_b,
        identifier_value_b,
        evidence_count
    from ranked
    where evidence_rank = 1

)

select * from final
